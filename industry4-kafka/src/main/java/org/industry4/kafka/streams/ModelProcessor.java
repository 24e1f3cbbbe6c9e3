package org.industry4.kafka.streams;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.industry4.core.ModelEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the models topic in a global store and hands each stage its newest model: at start from
 * the store (restored from the topic), then record by record. A record that cannot be loaded is
 * logged and skipped; the stage keeps its model.
 */
final class ModelProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelProcessor.class);

    private final FleetTopology fleet;
    private final Map<String, Long> applied = new HashMap<>();
    private KeyValueStore<String, byte[]> store;

    ModelProcessor(FleetTopology fleet) {
        this.fleet = fleet;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(FleetTopology.MODELS_STORE);
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> apply(kv.key, kv.value));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.error("a model record without a key (the stage name) was skipped");
            return;
        }
        if (apply(record.key(), record.value())) {
            store.put(record.key(), record.value());
        }
    }

    private boolean apply(String stageName, byte[] value) {
        AssetStage<Object> stage = fleet.stage(stageName);
        if (stage == null) {
            LOG.error("a model record for stage {} was skipped: the topology has stages {}", stageName,
                    fleet.stageNames());
            return false;
        }
        if (value == null) {
            LOG.warn("a tombstone for stage {}'s model was skipped: a stage keeps its last model", stageName);
            return false;
        }
        try {
            long version = ModelRecords.version(value);
            Long current = applied.get(stageName);
            if (current != null && version <= current) {
                LOG.info("stage {}: model version {} skipped, version {} is in use", stageName, version, current);
                return false;
            }
            ModelEnvelope envelope = ModelRecords.envelope(value, "models topic, stage " + stageName);
            stage.updateModel(envelope, version);
            applied.put(stageName, version);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("stage {}: a model record was skipped, the stage keeps its model: {}", stageName, e.getMessage());
            return false;
        }
    }
}

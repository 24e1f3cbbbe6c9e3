package org.industry4.kafka.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.industry4.kafka.TopicNames;
import org.industry4.kafka.format.RecordFormatException;

/**
 * A Kafka Streams topology that runs the product's models next to the telemetry: every frame on
 * the frames topic (key: asset id; value: a {@link org.industry4.kafka.format.TelemetryCodec}
 * record of one frame, or of several frames of the asset) goes through each {@link AssetStage} with
 * that asset's state, frame by frame, and the stages' findings go to their output topics, keyed by
 * asset. The asset's state is written once per record.
 *
 * <pre>{@code
 * FleetTopology fleet = FleetTopology.builder()
 *         .stage(AnomalyStage.isolationForest("industry4.alarms", model))
 *         .modelsTopic("industry4.models")                  // optional: model roll-out
 *         .build();
 * KafkaStreams streams = new KafkaStreams(fleet.topology(),
 *         FleetConfig.properties("fleet-scoring", "broker:9092", stateDir));
 * streams.start();
 * }</pre>
 *
 * <p><b>State.</b> Each asset's state (frame count, last frame time, each stage's state) is one
 * entry of a key-value store (RocksDB by default, or in memory) backed by a changelog topic.
 * Under {@code exactly_once_v2} ({@link FleetConfig}'s default) the state, the outputs and the
 * input offsets commit in one transaction, so when an instance dies the instance that takes its
 * partitions over restores the state from the changelog and goes on exactly where the committed
 * state ends: nothing is lost or counted twice.
 *
 * <p><b>Scale-out.</b> Start the same application (same {@code application.id}) N times: the
 * frames topic's partitions, and with them the assets, are shared among the instances. The
 * partition count bounds the useful number of stream threads in total.
 *
 * <p><b>Bad input.</b> A record without a key, of an unknown format version, with a corrupt
 * payload, older than its asset's last frame, or refused by a stage goes to the dead-letter topic
 * with the reason ({@link DeadLetters}); it never stops the application and is never dropped
 * without a trace. In a record of several frames, a frame that is older than the asset's previous
 * one or refused by a stage goes there alone (as a one-frame record, with its index in a header),
 * and the record's other frames are scored.
 *
 * <p><b>Models.</b> With a models topic, a new model version ({@link ModelRecords#publish}) reaches
 * every running instance and replaces the stage's model while every asset's state is kept.
 */
public final class FleetTopology {

    /** The default frames topic. */
    public static final String FRAMES_TOPIC = "industry4.frames";
    /** The default dead-letter topic. */
    public static final String DEAD_LETTER_TOPIC = "industry4.dead-letter";
    /** The default name of the per-asset state store (its changelog is {@code <application.id>-<name>-changelog}). */
    public static final String STORE = "industry4-assets";
    static final String MODELS_STORE = "industry4-models";
    static final String DEAD_LETTER_SINK = "dead-letter";
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String framesTopic;
    private final String deadLetterTopic;
    private final String modelsTopic;
    private final String storeName;
    private final boolean inMemory;
    private final Map<String, AssetStage<Object>> stages;
    private final Topology topology;

    @SuppressWarnings("unchecked")
    private FleetTopology(Builder b) {
        this.framesTopic = b.framesTopic;
        this.deadLetterTopic = b.deadLetterTopic;
        this.modelsTopic = b.modelsTopic;
        this.storeName = b.storeName;
        this.inMemory = b.inMemory;
        Map<String, AssetStage<Object>> byName = new LinkedHashMap<>();
        for (AssetStage<?> stage : b.stages) {
            if (byName.putIfAbsent(stage.name(), (AssetStage<Object>) stage) != null) {
                throw new IllegalArgumentException("two stages are named " + stage.name());
            }
        }
        this.stages = byName;
        this.topology = wire();
    }

    /** A builder with the default topics, no stage yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The topology to give {@link KafkaStreams}. */
    public Topology topology() {
        return topology;
    }

    /** The name of the per-asset state store. */
    public String storeName() {
        return storeName;
    }

    /** Every topic this topology reads or writes, to create before it starts. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(framesTopic, deadLetterTopic));
        stages.values().stream().map(AssetStage::outputTopic).distinct().filter(t -> !topics.contains(t))
                .forEach(topics::add);
        if (modelsTopic != null) {
            topics.add(modelsTopic);
        }
        return topics;
    }

    /**
     * The number of frames of {@code asset} processed so far by the local instance, if the asset's
     * partition is one of its active tasks. Reads the state store through an interactive query.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException if the store is not queryable now
     *                                                                    (the instance is rebalancing)
     */
    public Optional<Long> frames(KafkaStreams streams, String asset) {
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        byte[] saved = store.get(asset);
        if (saved == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AssetProcessor.frames(saved));
        } catch (RecordFormatException e) {
            throw new IllegalStateException("the stored state of asset " + asset + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    List<AssetStage<Object>> stages() {
        return List.copyOf(stages.values());
    }

    AssetStage<Object> stage(String name) {
        return stages.get(name);
    }

    List<String> stageNames() {
        return List.copyOf(stages.keySet());
    }

    static String sinkName(AssetStage<?> stage) {
        return "out-" + stage.name();
    }

    private Topology wire() {
        Topology t = new Topology();
        t.addSource("frames", new StringDeserializer(), new ByteArrayDeserializer(), framesTopic);
        t.addProcessor("assets", () -> new AssetProcessor(this), "frames");
        KeyValueBytesStoreSupplier supplier = inMemory ? Stores.inMemoryKeyValueStore(storeName)
                : Stores.persistentKeyValueStore(storeName);
        t.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled(), "assets");
        for (AssetStage<Object> stage : stages.values()) {
            t.addSink(sinkName(stage), stage.outputTopic(), new StringSerializer(), new ByteArraySerializer(), "assets");
        }
        t.addSink(DEAD_LETTER_SINK, deadLetterTopic, new StringSerializer(), new ByteArraySerializer(), "assets");
        if (modelsTopic != null) {
            t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODELS_STORE), Serdes.String(),
                            Serdes.ByteArray()).withLoggingDisabled(), "models", new StringDeserializer(),
                    new ByteArrayDeserializer(), modelsTopic, "models-updater", () -> new ModelProcessor(this));
        }
        return t;
    }

    static String requireStageName(String name) {
        Objects.requireNonNull(name, "stage name");
        if (!STAGE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a stage name must match [a-z0-9][a-z0-9-]{0,62}, got \"" + name + "\"");
        }
        return name;
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    @Override
    public String toString() {
        return "FleetTopology[" + framesTopic + " -> " + stageNames() + ", dead letters to " + deadLetterTopic
                + (modelsTopic == null ? "" : ", models from " + modelsTopic) + "]";
    }

    /** Builds a {@link FleetTopology}. */
    public static final class Builder {
        private String framesTopic = FRAMES_TOPIC;
        private String deadLetterTopic = DEAD_LETTER_TOPIC;
        private String modelsTopic;
        private String storeName = STORE;
        private boolean inMemory;
        private final List<AssetStage<?>> stages = new ArrayList<>();

        private Builder() {
        }

        /** The topic frames come from; default {@value FleetTopology#FRAMES_TOPIC}. */
        public Builder framesTopic(String topic) {
            this.framesTopic = TopicNames.require("framesTopic", topic);
            return this;
        }

        /** The dead-letter topic; default {@value FleetTopology#DEAD_LETTER_TOPIC}. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = TopicNames.require("deadLetterTopic", topic);
            return this;
        }

        /** Reads new model versions from {@code topic} (best compacted); none by default. */
        public Builder modelsTopic(String topic) {
            this.modelsTopic = TopicNames.require("modelsTopic", topic);
            return this;
        }

        /** The per-asset state store's name; default {@value FleetTopology#STORE}. */
        public Builder storeName(String name) {
            this.storeName = TopicNames.require("storeName", name);
            return this;
        }

        /**
         * Keeps the per-asset state in memory (restored from the changelog on start) instead of
         * RocksDB: faster, but every instance holds its assets' states in its heap.
         */
        public Builder inMemoryState(boolean inMemory) {
            this.inMemory = inMemory;
            return this;
        }

        /** Adds a stage; stages run in the order added. */
        public Builder stage(AssetStage<?> stage) {
            Objects.requireNonNull(stage, "stage");
            requireStageName(stage.name());
            TopicNames.require("outputTopic of stage " + stage.name(), stage.outputTopic());
            stages.add(stage);
            return this;
        }

        /**
         * The topology.
         *
         * @throws IllegalStateException if no stage was added
         * @throws IllegalArgumentException if two stages share a name, or a stage writes to the frames topic
         */
        public FleetTopology build() {
            if (stages.isEmpty()) {
                throw new IllegalStateException("a fleet topology needs at least one stage");
            }
            for (AssetStage<?> s : stages) {
                if (s.outputTopic().equals(framesTopic) || s.outputTopic().equals(deadLetterTopic)) {
                    throw new IllegalArgumentException("stage " + s.name() + " writes to " + s.outputTopic()
                            + ", which is the frames or dead-letter topic");
                }
            }
            return new FleetTopology(this);
        }
    }
}

package org.industry4.kafka.streams;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;
import org.industry4.kafka.format.TelemetryCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of one Kafka Streams task: decodes frames, runs the stages with each asset's
 * state, writes the state back to the store (and so to its changelog, in the same transaction as
 * the outputs and the input offsets under exactly-once), and dead-letters what it cannot use.
 * Live states are cached per task; the cache is dropped whenever the task is (re)initialised.
 */
final class AssetProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(AssetProcessor.class);

    private final FleetTopology fleet;
    private final List<AssetStage<Object>> stages;
    private final TelemetryCodec codec = new TelemetryCodec();
    private final Map<String, AssetState> cache = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    /** The frames of the current record that went through every stage. */
    private final java.util.BitSet passed = new java.util.BitSet();
    private final byte[][] stageNames;
    private final byte[][] stageBytes;
    private final AssetStage.Output[] outputs;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private long deadLettered;

    private record Pending(int stage, String asset, byte[] value) {
    }

    AssetProcessor(FleetTopology fleet) {
        this.fleet = fleet;
        this.stages = fleet.stages();
        this.stageNames = new byte[stages.size()][];
        for (int i = 0; i < stageNames.length; i++) {
            stageNames[i] = stages.get(i).name().getBytes(StandardCharsets.US_ASCII); // [a-z0-9-]: as writeUTF would
        }
        this.stageBytes = new byte[stages.size()][];
        this.outputs = new AssetStage.Output[stages.size()];
        for (int i = 0; i < outputs.length; i++) {
            int stage = i;
            outputs[i] = (key, value) -> pending.add(new Pending(stage, key, value));
        }
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(fleet.storeName());
        cache.clear();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String asset = record.key();
        if (asset == null || asset.isBlank()) {
            deadLetter(record, record.value(), -1, "record has no key; the key must be the asset id", null);
            return;
        }
        List<TelemetryFrame> frames;
        try {
            frames = codec.decodeFrames(record.value());
        } catch (RecordFormatException e) {
            deadLetter(record, record.value(), -1, e.getMessage(), null);
            return;
        }
        AssetState state = cache.get(asset);
        if (state == null) {
            state = open(asset, store.get(asset));
            cache.put(asset, state);
        }
        passed.clear();
        int n = frames.size();
        for (int f = 0; f < n; f++) {
            TelemetryFrame frame = frames.get(f);
            int index = n == 1 ? -1 : f;
            if (state.lastTime != null && frame.time().isBefore(state.lastTime)) {
                deadLetter(record, frame, index, "frame time " + frame.time() + " is before asset " + asset
                        + "'s previous frame at " + state.lastTime, null);
                continue;
            }
            pending.clear();
            int failed = -1;
            RuntimeException failure = null;
            for (int i = 0; i < stages.size(); i++) {
                try {
                    stages.get(i).process(asset, frame, state.stages[i], outputs[i]);
                } catch (RuntimeException e) {
                    failed = i;
                    failure = e;
                    break;
                }
            }
            if (failure != null) {
                state = rollBack(asset, frames, f);
                deadLetter(record, frame, index, failure.getMessage() == null ? failure.toString()
                        : failure.getMessage(), stages.get(failed).name());
                continue;
            }
            state.frames++;
            state.lastTime = frame.time();
            passed.set(f);
            for (Pending p : pending) {
                context.forward(new Record<>(p.asset(), p.value(), record.timestamp()),
                        FleetTopology.sinkName(stages.get(p.stage())));
            }
        }
        if (!passed.isEmpty()) {
            store.put(asset, save(state)); // once per record, not per frame
        }
    }

    /**
     * The state from before frame {@code failed} of this record, after a stage refused it part way:
     * the stored state with the record's frames that went through before it applied again (stages
     * are deterministic; their outputs were forwarded already and are dropped). A refusal is rare,
     * so the state is not saved after every frame in case one comes.
     */
    private AssetState rollBack(String asset, List<TelemetryFrame> frames, int failed) {
        AssetState state = open(asset, store.get(asset));
        for (int g = passed.nextSetBit(0); g >= 0 && g < failed; g = passed.nextSetBit(g + 1)) {
            TelemetryFrame frame = frames.get(g);
            for (int i = 0; i < stages.size(); i++) {
                stages.get(i).process(asset, frame, state.stages[i], outputs[i]);
            }
            state.frames++;
            state.lastTime = frame.time();
        }
        pending.clear();
        cache.put(asset, state);
        return state;
    }

    private void deadLetter(Record<String, byte[]> record, TelemetryFrame frame, int index, String reason,
                            String stage) {
        deadLetter(record, index < 0 ? record.value() : TelemetryCodec.encodeFrame(frame), index, reason, stage);
    }

    /** {@code value} (the record's, or one frame of it at {@code index} >= 0) to the dead-letter topic. */
    private void deadLetter(Record<String, byte[]> record, byte[] value, int index, String reason, String stage) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta != null) {
            headers.add(DeadLetters.TOPIC, meta.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.PARTITION, Integer.toString(meta.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.OFFSET, Long.toString(meta.offset()).getBytes(StandardCharsets.UTF_8));
        }
        if (index >= 0) {
            headers.add(DeadLetters.FRAME, Integer.toString(index).getBytes(StandardCharsets.UTF_8));
        }
        if (stage != null) {
            headers.add(DeadLetters.STAGE, stage.getBytes(StandardCharsets.UTF_8));
        }
        deadLettered++;
        if (deadLettered <= 10 || Long.bitCount(deadLettered) == 1) {
            LOG.warn("record of {} to the dead-letter topic ({} so far in this task): {}", record.key(), deadLettered,
                    reason);
        }
        context.forward(new Record<>(record.key(), value, record.timestamp(), headers),
                FleetTopology.DEAD_LETTER_SINK);
    }

    /** The state of one asset: its frame count, last frame time and each stage's state. */
    static final class AssetState {
        long frames;
        Instant lastTime;
        final Object[] stages;

        AssetState(int stages) {
            this.stages = new Object[stages];
        }
    }

    private AssetState open(String asset, byte[] saved) {
        AssetState state = new AssetState(stages.size());
        try {
            Map<String, byte[]> byStage = new HashMap<>();
            if (saved != null) {
                StateBytes.read(saved, 1, "asset", in -> {
                    state.frames = in.readLong();
                    state.lastTime = StateBytes.readInstant(in);
                    int n = in.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        String name = in.readUTF();
                        byStage.put(name, bytes(in));
                    }
                    return state;
                });
            }
            for (int i = 0; i < stages.size(); i++) {
                state.stages[i] = stages.get(i).open(asset, byStage.get(stages.get(i).name()));
            }
        } catch (RecordFormatException e) {
            // our own bytes: damage here is a bug or a foreign writer, not bad input to skip
            throw new StreamsException("the stored state of asset " + asset + " cannot be read: " + e.getMessage(), e);
        }
        return state;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("stage state length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** The stored form: as {@link #open} reads it (DataInput layout), written without streams: it runs per frame. */
    private byte[] save(AssetState state) {
        int size = 1 + 8 + StateBytes.instantSize(state.lastTime) + 2;
        for (int i = 0; i < stageBytes.length; i++) {
            stageBytes[i] = stages.get(i).save(state.stages[i]);
            size += 2 + stageNames[i].length + 4 + stageBytes[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) 1).putLong(state.frames);
        StateBytes.putInstant(out, state.lastTime);
        out.putShort((short) stageBytes.length);
        for (int i = 0; i < stageBytes.length; i++) {
            out.putShort((short) stageNames[i].length).put(stageNames[i]).putInt(stageBytes[i].length).put(stageBytes[i]);
        }
        return out.array();
    }

    /** The frame count in a stored asset state. */
    static long frames(byte[] saved) throws RecordFormatException {
        return StateBytes.read(saved, 1, "asset", in -> {
            long frames = in.readLong();
            in.skipNBytes(in.available());
            return frames;
        });
    }
}

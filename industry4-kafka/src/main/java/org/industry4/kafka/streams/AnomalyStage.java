package org.industry4.kafka.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.industry4.anomaly.FrameScore;
import org.industry4.anomaly.FrameScorer;
import org.industry4.anomaly.alarm.AlarmEnded;
import org.industry4.anomaly.alarm.AlarmEvent;
import org.industry4.anomaly.alarm.AlarmFilter;
import org.industry4.anomaly.alarm.AlarmOptions;
import org.industry4.anomaly.alarm.AlarmStarted;
import org.industry4.anomaly.iforest.IsolationForestFile;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.industry4.core.Scorer;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every frame of every asset with an anomaly {@link Scorer} and runs each asset's
 * {@link AlarmFilter} (k-of-n debouncing, hysteresis) over the scores; alarm start and end events
 * go to the output topic as JSON, keyed by asset:
 *
 * <pre>{@code
 * {"asset":"cnc-07","event":"start","time":"2026-11-24T08:00:12.500Z","score":0.71,"threshold":0.62,"model_version":0,"frame":1834}
 * {"asset":"cnc-07","event":"end","time":"2026-11-24T08:01:02.500Z","score":0.48,"threshold":0.62,"model_version":0,"frame":1934,"started":"2026-11-24T08:00:12.500Z","peak":0.77}
 * }</pre>
 *
 * ({@code score} is the frame's score; {@code frame} the asset's count of scored frames.) A
 * frame with a BAD value the model needs is not scored; it is counted as skipped. A new model from
 * the models topic replaces the scorer for every asset; each asset's alarm filter goes on with its
 * history unless the new model's alarm options have another window, in which case it starts anew.
 * Thread-safe.
 */
public final class AnomalyStage implements AssetStage<AnomalyStage.State> {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyStage.class);
    private static final int STATE_VERSION = 1;

    private final String name;
    private final String outputTopic;
    private final ModelLoader<? extends Scorer> loader;
    private final Function<Scorer, AlarmOptions> alarms;
    private final AtomicReference<Current> current = new AtomicReference<>();

    private record Current(VersionedModel<Scorer> model, FrameScorer scorer, AlarmOptions alarms) {
    }

    /** The per-asset state: the alarm filter and the counts. */
    public static final class State {
        private AlarmFilter filter;
        private long scored;
        private long skipped;

        State(AlarmFilter filter, long scored, long skipped) {
            this.filter = filter;
            this.scored = scored;
            this.skipped = skipped;
        }

        /** Frames scored. */
        public long scored() {
            return scored;
        }

        /** Frames not scored because a needed signal was BAD. */
        public long skipped() {
            return skipped;
        }

        /** Whether an alarm is active. */
        public boolean alarmActive() {
            return filter.isActive();
        }
    }

    private AnomalyStage(String name, String outputTopic, Scorer initial, ModelLoader<? extends Scorer> loader,
                         Function<Scorer, AlarmOptions> alarms) {
        this.name = FleetTopology.requireStageName(name);
        this.outputTopic = Objects.requireNonNull(outputTopic, "outputTopic");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        install(new VersionedModel<>(Objects.requireNonNull(initial, "initial"), 0));
    }

    /**
     * A stage over any scorer.
     *
     * @param name        the stage's name (the key of its models on the models topic)
     * @param outputTopic where alarm events go
     * @param initial     the model to start with (version 0)
     * @param loader      reads a new model from the models topic
     * @param alarms      the alarm options for a model (its threshold, debouncing and hysteresis)
     */
    public static AnomalyStage of(String name, String outputTopic, Scorer initial,
                                  ModelLoader<? extends Scorer> loader, Function<Scorer, AlarmOptions> alarms) {
        return new AnomalyStage(name, outputTopic, initial, loader, alarms);
    }

    /**
     * A stage named {@code anomaly} over an Isolation Forest, alarming with
     * {@link AlarmOptions#threshold} at the model's contamination threshold (raise on 3 of the last
     * 5 scores above it, clear after 5 at or below), new models read as Isolation Forest files.
     */
    public static AnomalyStage isolationForest(String outputTopic, IsolationForestModel initial) {
        IsolationForestFile file = new IsolationForestFile();
        return new AnomalyStage("anomaly", outputTopic, initial, file::fromEnvelope,
                scorer -> AlarmOptions.threshold(((IsolationForestModel) scorer).threshold()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String outputTopic() {
        return outputTopic;
    }

    /** The model frames are scored with now, and its version. */
    public VersionedModel<Scorer> model() {
        return current.get().model();
    }

    @Override
    public void updateModel(ModelEnvelope envelope, long version) throws ModelFormatException {
        Scorer scorer = loader.load(envelope, "models topic, stage " + name + ", offset " + version);
        Scorer old = current.get().model().model();
        if (!scorer.schema().equals(old.schema())) {
            LOG.warn("stage {}: model version {} reads {} where the previous read {}", name, version,
                    scorer.schema().names(), old.schema().names());
        }
        install(new VersionedModel<>(scorer, version));
        LOG.info("stage {}: now scoring with model version {} ({})", name, version, scorer);
    }

    private void install(VersionedModel<Scorer> model) {
        AlarmOptions options = Objects.requireNonNull(alarms.apply(model.model()), "alarm options");
        current.set(new Current(model, new FrameScorer(model.model()), options));
    }

    @Override
    public State open(String asset, byte[] saved) throws RecordFormatException {
        AlarmOptions options = current.get().alarms();
        if (saved == null) {
            return new State(new AlarmFilter(options), 0, 0);
        }
        return StateBytes.read(saved, STATE_VERSION, "anomaly stage", in -> {
            long scored = in.readLong();
            long skipped = in.readLong();
            int window = in.readInt();
            if (window < 1 || window > AlarmOptions.MAX_WINDOW) {
                throw new IOException("window " + window);
            }
            byte[] bits = new byte[(window + 7) / 8];
            in.readFully(bits);
            boolean[] above = new boolean[window];
            for (int i = 0; i < window; i++) {
                above[i] = (bits[i >> 3] & (1 << (i & 7))) != 0;
            }
            AlarmFilter.Snapshot snapshot = new AlarmFilter.Snapshot(above, in.readInt(), in.readInt(),
                    in.readBoolean(), StateBytes.readInstant(in), StateBytes.readInstant(in),
                    StateBytes.readInstant(in), in.readDouble());
            AlarmFilter filter;
            if (window == options.window()) {
                filter = AlarmFilter.resume(options, snapshot);
            } else {
                LOG.info("stage {}: asset {}'s alarm window was {} and is {} under the current model; its alarm"
                        + " filter starts anew", name, asset, window, options.window());
                filter = new AlarmFilter(options);
            }
            return new State(filter, scored, skipped);
        });
    }

    @Override
    public byte[] save(State state) {
        AlarmFilter.Snapshot s = state.filter.snapshot();
        boolean[] above = s.above();
        byte[] bits = new byte[(above.length + 7) / 8];
        for (int i = 0; i < above.length; i++) {
            if (above[i]) {
                bits[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        // the layout open() reads through a DataInputStream; written without streams: it runs per frame
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + bits.length + 4 + 4 + 1 + StateBytes.instantSize(s.lastTime())
                + StateBytes.instantSize(s.startTime()) + StateBytes.instantSize(s.holdUntil()) + 8);
        out.put((byte) STATE_VERSION).putLong(state.scored).putLong(state.skipped).putInt(above.length).put(bits)
                .putInt(s.position()).putInt(s.belowRun()).put((byte) (s.active() ? 1 : 0));
        StateBytes.putInstant(out, s.lastTime());
        StateBytes.putInstant(out, s.startTime());
        StateBytes.putInstant(out, s.holdUntil());
        out.putDouble(s.peak());
        return out.array();
    }

    @Override
    public void process(String asset, TelemetryFrame frame, State state, Output out) {
        Current c = current.get();
        if (!state.filter.options().equals(c.alarms())) {
            state.filter = state.filter.options().window() == c.alarms().window()
                    ? AlarmFilter.resume(c.alarms(), state.filter.snapshot()) : new AlarmFilter(c.alarms());
        }
        FrameScore score = c.scorer().score(frame);
        if (!score.isScored()) {
            state.skipped++;
            return;
        }
        double value = score.score().getAsDouble();
        Optional<AlarmEvent> event = state.filter.update(frame.time(), value);
        state.scored++;
        if (event.isPresent()) {
            out.emit(asset, json(asset, event.get(), value, c, state.scored));
        }
    }

    private static byte[] json(String asset, AlarmEvent event, double score, Current c, long frame) {
        StringBuilder b = new StringBuilder(200);
        b.append("{\"asset\":").append(FleetTopology.quote(asset))
                .append(",\"event\":\"").append(event instanceof AlarmStarted ? "start" : "end")
                .append("\",\"time\":\"").append(event.time()).append('"')
                .append(",\"score\":").append(JsonNumbers.sixDigits(score))
                .append(",\"threshold\":").append(JsonNumbers.sixDigits(c.alarms().raiseThreshold()))
                .append(",\"model_version\":").append(c.model().version())
                .append(",\"frame\":").append(frame);
        if (event instanceof AlarmEnded ended) {
            b.append(",\"started\":\"").append(ended.startTime()).append('"')
                    .append(",\"peak\":").append(JsonNumbers.sixDigits(ended.peakScore()));
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

}

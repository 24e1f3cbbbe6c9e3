package org.industry4.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.kafka.format.RecordFormatException;
import org.industry4.rul.RulEstimate;
import org.industry4.rul.RulModel;
import org.industry4.rul.RulModelFile;
import org.industry4.rul.data.Trajectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remaining useful life per asset: keeps each asset's last {@link RulModel#window()} rows (the
 * RUL estimator's rolling window) in the state store and, every {@code every}-th row, writes the
 * estimate with its interval as JSON, keyed by asset:
 *
 * <pre>{@code
 * {"asset":"cnc-07","time":"2026-11-24T08:05:00Z","rul":37.5,"lower":29.1,"upper":45.9,"coverage":0.9,"model_version":0,"rows":305}
 * }</pre>
 *
 * Each frame is one step of the history the model was trained on (one cycle, or one minute for
 * the factory demo's model): aggregate faster signals to that step before they reach the frames
 * topic. A frame with a BAD value in a column the model reads is skipped and counted; a frame
 * without such a column goes to the dead-letter topic. Until a full window has arrived the window
 * is front-padded with the first row, as {@link RulModel#predict} does, so the estimate after an
 * asset's rows equals the batch prediction on them. Needs {@code industry4-rul} on the class path
 * (an optional dependency of this module). Thread-safe.
 */
public final class RulStage implements AssetStage<RulStage.State> {

    private static final Logger LOG = LoggerFactory.getLogger(RulStage.class);
    private static final int STATE_VERSION = 1;

    private final String outputTopic;
    private final int every;
    private final AtomicReference<VersionedModel<RulModel>> current = new AtomicReference<>();

    /** One asset's rolling window of raw rows, oldest first once full. */
    public static final class State {
        private final double[][] ring;
        private long rows;
        private long skipped;

        State(int window, int columns) {
            this.ring = new double[window][columns];
        }

        /** Rows taken so far. */
        public long rows() {
            return rows;
        }

        /** Frames skipped for a BAD value. */
        public long skipped() {
            return skipped;
        }

        double[][] history() {
            int n = (int) Math.min(rows, ring.length);
            double[][] out = new double[n][];
            long first = rows - n;
            for (int i = 0; i < n; i++) {
                out[i] = ring[(int) ((first + i) % ring.length)];
            }
            return out;
        }
    }

    private RulStage(String outputTopic, RulModel model, int every) {
        this.outputTopic = Objects.requireNonNull(outputTopic, "outputTopic");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.every = every;
        current.set(new VersionedModel<>(Objects.requireNonNull(model, "model"), 0));
    }

    /**
     * A stage named {@code rul} over {@code model}, writing an estimate every {@code every} rows of
     * an asset; new models are read as {@link RulModelFile} envelopes and must read the same columns.
     */
    public static RulStage of(String outputTopic, RulModel model, int every) {
        return new RulStage(outputTopic, model, every);
    }

    @Override
    public String name() {
        return "rul";
    }

    @Override
    public String outputTopic() {
        return outputTopic;
    }

    /** The model estimates come from now, and its version. */
    public VersionedModel<RulModel> model() {
        return current.get();
    }

    @Override
    public void updateModel(ModelEnvelope envelope, long version) throws ModelFormatException {
        RulModel model = RulModelFile.fromEnvelope(envelope, "models topic, stage rul, version " + version);
        RulModel old = current.get().model();
        if (!model.inputSchema().equals(old.inputSchema()) || model.window() != old.window()) {
            throw new ModelFormatException("a new RUL model must read the same columns and window as the running one"
                    + " (" + old.inputSchema().names() + ", window " + old.window() + "), got "
                    + model.inputSchema().names() + ", window " + model.window());
        }
        current.set(new VersionedModel<>(model, version));
        LOG.info("stage rul: now estimating with model version {}", version);
    }

    @Override
    public State open(String asset, byte[] saved) throws RecordFormatException {
        RulModel model = current.get().model();
        int window = model.window();
        int columns = model.inputSchema().size();
        State state = new State(window, columns);
        if (saved == null) {
            return state;
        }
        return StateBytes.read(saved, STATE_VERSION, "rul stage", in -> {
            state.rows = in.readLong();
            state.skipped = in.readLong();
            int n = in.readInt();
            if (n != Math.min(state.rows, window) || state.rows < 0) {
                throw new java.io.IOException(n + " stored rows for " + state.rows + " taken and a window of " + window);
            }
            long first = state.rows - n;
            for (int i = 0; i < n; i++) {
                double[] row = StateBytes.readDoubles(in, columns);
                if (row.length != columns) {
                    throw new java.io.IOException("a stored row of " + row.length + " values, the model reads " + columns);
                }
                state.ring[(int) ((first + i) % window)] = row;
            }
            return state;
        });
    }

    @Override
    public byte[] save(State state) {
        double[][] history = state.history();
        return StateBytes.write(STATE_VERSION, out -> {
            out.writeLong(state.rows);
            out.writeLong(state.skipped);
            out.writeInt(history.length);
            for (double[] row : history) {
                StateBytes.writeDoubles(out, row);
            }
        });
    }

    @Override
    public void process(String asset, TelemetryFrame frame, State state, Output out) {
        VersionedModel<RulModel> c = current.get();
        FeatureSchema input = c.model().inputSchema();
        double[] row = new double[input.size()];
        for (int i = 0; i < row.length; i++) {
            int column = frame.schema().indexOf(input.names().get(i));
            if (column < 0) {
                throw new IllegalArgumentException("frame has no signal " + input.names().get(i)
                        + " that the RUL model reads; frame signals: " + frame.schema().names());
            }
            if (frame.quality(column) == Quality.BAD) {
                state.skipped++;
                return;
            }
            row[i] = frame.value(column);
        }
        state.ring[(int) (state.rows % state.ring.length)] = row;
        state.rows++;
        if (state.rows % every != 0) {
            return;
        }
        RulEstimate e = c.model().predict(new Trajectory(asset, input, state.history(), Trajectory.UNKNOWN));
        String json = String.format(Locale.ROOT, "{\"asset\":%s,\"time\":\"%s\",\"rul\":%.4f,\"lower\":%.4f,"
                        + "\"upper\":%.4f,\"coverage\":%.4f,\"model_version\":%d,\"rows\":%d}", FleetTopology.quote(asset),
                frame.time(), e.rul(), e.lower(), e.upper(), e.coverage(), c.version(), state.rows);
        out.emit(asset, json.getBytes(StandardCharsets.UTF_8));
    }
}

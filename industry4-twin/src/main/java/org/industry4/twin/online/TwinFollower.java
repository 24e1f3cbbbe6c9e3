package org.industry4.twin.online;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.twin.dynamics.Integrator;
import org.industry4.twin.dynamics.StateSpaceModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a machine with its twin from a stream of {@link TelemetryFrame}s and reports residuals.
 *
 * <p>For each accepted frame the follower
 * <ol>
 *   <li><b>predicts</b>: steps the model from the previous frame's time to this one, with the
 *       previous frame's inputs held (zero-order hold), in steps of at most
 *       {@link FollowerOptions#maxStep()};</li>
 *   <li><b>compares the states</b>: for each measured state, a {@link Residual} of the measurement
 *       against the prediction (the observer's innovation);</li>
 *   <li><b>corrects</b>: blends each measured state into the estimate with the gain {@code K},
 *       {@code x = x + K (measured - x)} (a fixed-gain Luenberger-style observer on the measured
 *       states; unmeasured states follow the model);</li>
 *   <li><b>compares the outputs</b>: for each measured output, a residual of the measurement
 *       against {@code g(t, x, u)} of the corrected estimate, so an error in the output path (an
 *       offset, a sensor fault) shows there even where the states are measured.</li>
 * </ol>
 * Residuals come in the order of {@link #residualNames()}: measured states in model order, then
 * measured outputs in model order. A growing residual is the anomaly signal; {@link ResidualScorer}
 * turns residual vectors into a core {@link org.industry4.core.Scorer} score.
 *
 * <p>The first accepted frame initialises: model time 0 is its time, measured states take their
 * measured values, the others come from {@code x0}; it returns no residuals. Frames in which a
 * mapped signal is {@link Quality#BAD} are skipped and counted ({@link #skippedFrames()}), as are
 * frames not after the previous one ({@link #outOfOrderFrames()}); the estimate then bridges the
 * gap at the next good frame. Not thread-safe: one follower per stream.
 */
public final class TwinFollower {

    private static final Logger LOG = LoggerFactory.getLogger(TwinFollower.class);

    private final StateSpaceModel model;
    private final TwinMapping mapping;
    private final FollowerOptions options;
    private final Integrator.Stepper stepper;
    private final double[] x;
    private final int[] stateIndex;   // model state index of each measured state
    private final int[] outputIndex;  // model output index of each measured output
    private final List<String> residualNames;
    private final double[] y;
    private FeatureSchema schema;
    private int[] inputFeature;
    private int[] stateFeature;
    private int[] outputFeature;
    private int[] mappedFeatures;
    private Instant origin;
    private Instant last;
    private double[] u;
    private long accepted;
    private long skipped;
    private long outOfOrder;

    /**
     * A follower of {@code model}.
     *
     * @param model   the twin
     * @param mapping frame features to model inputs, measured states and outputs; checked against the model
     * @param x0      the initial estimate of every state (measured states are overwritten by the first frame)
     * @param options gain, step and integrator
     * @throws IllegalArgumentException if the mapping does not fit the model (naming the names) or
     *                                  {@code x0} is not one finite value per state
     */
    public TwinFollower(StateSpaceModel model, TwinMapping mapping, double[] x0, FollowerOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.options = Objects.requireNonNull(options, "options");
        mapping.validate(model);
        Objects.requireNonNull(x0, "x0");
        List<String> states = model.stateNames();
        if (x0.length != states.size()) {
            throw new IllegalArgumentException("expected " + states.size() + " initial states " + states + ", got "
                    + x0.length);
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("initial state " + states.get(i) + " must be finite, got " + x0[i]);
            }
        }
        this.x = x0.clone();
        this.stateIndex = indices(states, mapping.states());
        this.outputIndex = indices(model.outputNames(), mapping.outputs());
        List<String> names = new ArrayList<>();
        for (int i : stateIndex) {
            names.add(states.get(i));
        }
        for (int i : outputIndex) {
            names.add(model.outputNames().get(i));
        }
        this.residualNames = List.copyOf(names);
        this.y = new double[model.outputNames().size()];
        this.stepper = options.integrator().start(model);
    }

    private static int[] indices(List<String> modelNames, Map<String, String> mapped) {
        return java.util.stream.IntStream.range(0, modelNames.size()).filter(i -> mapped.containsKey(modelNames.get(i)))
                .toArray();
    }

    /** The names of the residuals, in the order {@link #accept} returns them. */
    public List<String> residualNames() {
        return residualNames;
    }

    /**
     * Takes one frame: predicts, corrects and returns the residuals, or an empty list for the
     * first frame and for skipped frames.
     *
     * @throws IllegalArgumentException if the frame lacks a mapped feature (naming them)
     * @throws IllegalStateException    if the model cannot be integrated over the gap
     */
    public List<Residual> accept(TelemetryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        bind(frame.schema());
        for (int f : mappedFeatures) {
            if (frame.quality(f) == Quality.BAD) {
                skipped++;
                LOG.debug("skipping frame at {}: signal {} is BAD", frame.time(), frame.schema().names().get(f));
                return List.of();
            }
        }
        if (last != null && !frame.time().isAfter(last)) {
            outOfOrder++;
            LOG.debug("skipping frame at {}: not after the previous frame at {}", frame.time(), last);
            return List.of();
        }
        double[] frameInputs = new double[inputFeature.length];
        for (int i = 0; i < frameInputs.length; i++) {
            frameInputs[i] = frame.value(inputFeature[i]);
        }
        accepted++;
        if (last == null) {
            origin = frame.time();
            last = frame.time();
            u = frameInputs;
            for (int j = 0; j < stateIndex.length; j++) {
                x[stateIndex[j]] = frame.value(stateFeature[j]);
            }
            return List.of();
        }
        double t0 = seconds(last);
        double t1 = seconds(frame.time());
        int steps = (int) Math.ceil((t1 - t0) / options.maxStep() - 1e-9);
        double t = t0;
        for (int s = 1; s <= steps; s++) {
            double next = s == steps ? t1 : t0 + (t1 - t0) * s / steps;
            stepper.advance(t, x, next, u);
            t = next;
        }
        List<Residual> out = new ArrayList<>(residualNames.size());
        for (int j = 0; j < stateIndex.length; j++) {
            int i = stateIndex[j];
            double measured = frame.value(stateFeature[j]);
            out.add(new Residual(frame.time(), model.stateNames().get(i), measured, x[i]));
            x[i] += options.stateGain() * (measured - x[i]);
        }
        model.output(t1, x, frameInputs, y);
        for (int j = 0; j < outputIndex.length; j++) {
            int i = outputIndex[j];
            out.add(new Residual(frame.time(), model.outputNames().get(i), frame.value(outputFeature[j]), y[i]));
        }
        last = frame.time();
        u = frameInputs;
        return out;
    }

    private double seconds(Instant time) {
        Duration d = Duration.between(origin, time);
        return d.getSeconds() + d.getNano() * 1e-9;
    }

    private void bind(FeatureSchema s) {
        if (s.equals(schema)) {
            return;
        }
        mapping.requireFeatures(s);
        List<String> in = model.inputNames();
        inputFeature = in.stream().mapToInt(n -> s.indexOf(mapping.inputs().get(n))).toArray();
        stateFeature = java.util.Arrays.stream(stateIndex)
                .map(i -> s.indexOf(mapping.states().get(model.stateNames().get(i)))).toArray();
        outputFeature = java.util.Arrays.stream(outputIndex)
                .map(i -> s.indexOf(mapping.outputs().get(model.outputNames().get(i)))).toArray();
        mappedFeatures = java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(
                java.util.Arrays.stream(inputFeature), java.util.Arrays.stream(stateFeature)),
                java.util.Arrays.stream(outputFeature)).distinct().toArray();
        schema = s;
    }

    /**
     * Everything this follower has learnt from the frames so far, to keep outside the process (a
     * Kafka Streams state store, a checkpoint) and {@linkplain #resume resume} from: a resumed
     * follower answers every later frame exactly as this one would.
     */
    public Snapshot snapshot() {
        return new Snapshot(x.clone(), origin, last, u == null ? null : u.clone(), accepted, skipped, outOfOrder);
    }

    /**
     * A follower in the state {@code snapshot} describes.
     *
     * @throws IllegalArgumentException if the snapshot does not fit the model (naming what), or as
     *                                  the constructor does
     */
    public static TwinFollower resume(StateSpaceModel model, TwinMapping mapping, Snapshot snapshot,
                                      FollowerOptions options) {
        Objects.requireNonNull(snapshot, "snapshot");
        TwinFollower f = new TwinFollower(model, mapping, snapshot.state(), options);
        if ((snapshot.origin() == null) != (snapshot.last() == null)
                || (snapshot.last() == null) != (snapshot.inputs() == null)) {
            throw new IllegalArgumentException("a snapshot has an origin, a last time and inputs together or none of"
                    + " them");
        }
        if (snapshot.inputs() != null && snapshot.inputs().length != model.inputNames().size()) {
            throw new IllegalArgumentException("expected " + model.inputNames().size() + " inputs "
                    + model.inputNames() + " in the snapshot, got " + snapshot.inputs().length);
        }
        f.origin = snapshot.origin();
        f.last = snapshot.last();
        f.u = snapshot.inputs() == null ? null : snapshot.inputs().clone();
        f.accepted = snapshot.accepted();
        f.skipped = snapshot.skipped();
        f.outOfOrder = snapshot.outOfOrder();
        return f;
    }

    /**
     * The state of a {@link TwinFollower}; see {@link #snapshot()}.
     *
     * @param state      the state estimate, one value per model state
     * @param origin     the first accepted frame's time (the model's t = 0); null before it
     * @param last       the last accepted frame's time; null before the first
     * @param inputs     the model inputs of the last accepted frame; null before the first
     * @param accepted   frames accepted
     * @param skipped    frames skipped for a BAD signal
     * @param outOfOrder frames skipped for not being after the last accepted one
     */
    public record Snapshot(double[] state, Instant origin, Instant last, double[] inputs, long accepted,
                           long skipped, long outOfOrder) {

        public Snapshot {
            Objects.requireNonNull(state, "state");
            state = state.clone();
            inputs = inputs == null ? null : inputs.clone();
        }

        @Override
        public double[] state() {
            return state.clone();
        }

        @Override
        public double[] inputs() {
            return inputs == null ? null : inputs.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && java.util.Arrays.equals(state, s.state) && Objects.equals(origin, s.origin)
                    && Objects.equals(last, s.last) && java.util.Arrays.equals(inputs, s.inputs)
                    && accepted == s.accepted && skipped == s.skipped && outOfOrder == s.outOfOrder;
        }

        @Override
        public int hashCode() {
            return Objects.hash(java.util.Arrays.hashCode(state), origin, last, java.util.Arrays.hashCode(inputs),
                    accepted, skipped, outOfOrder);
        }
    }

    /** A copy of the current state estimate. */
    public double[] state() {
        return x.clone();
    }

    /** The time of the last accepted frame, if any. */
    public Optional<Instant> lastTime() {
        return Optional.ofNullable(last);
    }

    /** The number of frames accepted (including the first, initialising one). */
    public long acceptedFrames() {
        return accepted;
    }

    /** The number of frames skipped because a mapped signal was BAD. */
    public long skippedFrames() {
        return skipped;
    }

    /** The number of frames skipped because they were not after the previous accepted frame. */
    public long outOfOrderFrames() {
        return outOfOrder;
    }
}

package org.industry4.twin.hybrid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link HybridModel}: the physical parameters and the correction network jointly, by
 * minibatch gradient descent (Adam) on one ND4J SameDiff graph in double precision.
 *
 * <h2>The loss</h2>
 * With {@code s} the standard deviation of the training targets (1 if they are constant),
 * {@code pred = physics(x; p) + factor(x) * s * net(z)} where {@code z} are the correction inputs
 * standardised with the training rows' means and standard deviations and {@code factor} is the
 * spec's {@link HybridSpec#correctionFactor()} (1 unless stated):
 * <pre>
 * loss = mean(((pred - y) / s)^2)                       data error, in units of the target's spread
 *      + correctionPenalty * mean(net(z)^2)             = mean((correction / (s * factor))^2)
 *      + sum over penalties: weight * mean(residual^2)          (equality)
 *                          or weight * mean(relu(residual)^2)   (inequality, residual <= 0)
 * </pre>
 * The first two terms average over the minibatch; the penalty terms over their fixed collocation
 * points (the same in every step). Each parameter is learned as an unbounded raw value,
 * {@code p = lower + (upper - lower) * sigmoid(raw)} (see {@link PhysicalParameter}), so it never
 * leaves its bounds. The network's hidden layers use {@link HybridOptions#activation()} (tanh by
 * default) with uniform weights drawn from the seed (Glorot/Xavier limits for tanh, He limits
 * {@code sqrt(6 / in)} for softplus and ReLU), zero biases, and an output layer initialised to zero:
 * training starts from the pure physics.
 *
 * <h2>Stages</h2>
 * <ol>
 *   <li>The physics alone, by a full-batch Levenberg-Marquardt least-squares fit of the raw
 *   parameters on the training rows (penalties included; {@code ParameterFit}): with a handful of
 *   parameters this finds their optimum exactly, where minibatch Adam jitters them by about 1 % and
 *   crawls along poorly conditioned directions.</li>
 *   <li>Gradient descent (Adam) from there: for a physics-only fit ({@link
 *   HybridOptions#withoutCorrection()}) on the parameters; with a correction, on physics and
 *   correction jointly, starting from a network whose output is zero. In the joint stage Adam's
 *   steps on the parameters are {@value #JOINT_PARAMETER_STEP} times as long as on the network's
 *   weights, so a network that reads the physics' own inputs cannot quickly absorb what the
 *   physics explains (measured without it: {@code a} at 1.35 instead of 2 after 60 epochs).</li>
 *   <li>A Levenberg-Marquardt polish on the training rows of the parameters and of the kept
 *   network's output layer, with its hidden layers fixed (for a physics-only fit, of the
 *   parameters): given the hidden layers the correction is linear in the output layer, so this is
 *   the exact optimum of both together. It is kept unless its loss on the validation rows is more
 *   than {@link #POLISH_TOLERANCE} higher than with the parameters' polish alone (the trained
 *   output layer kept): with few rows an exact output layer can overfit, which early stopping had
 *   prevented. Nor is it kept if it moves the correction by more than {@link
 *   #MAX_POLISH_CHANGE_BEYOND_DATA} standard deviations of the target at the training rows'
 *   correction inputs moved to twice their distance from their mean, and {@link
 *   #MAX_POLISH_AMPLIFICATION} times as much as on the rows: nearly collinear hidden units (a
 *   network of one input) let an exact output layer cancel huge weights, harmless on the rows and
 *   wild beyond them; it is then run again with a ridge ({@link #POLISH_RIDGE}), which is kept if
 *   it passes both checks. Without a polish, an unmodelled effect that the network
 *   only slowly takes over leaves the parameters biased (measured on the spindle twin with
 *   friction heat: time constant -8.5 % after 1000 Adam epochs, -2.9 % with a polish of the
 *   parameters alone); with the output layer in the polish as well, the spindle twin's time
 *   constant came out within 0.3 %.</li>
 * </ol>
 * A pure-ML fit (no parameters) is stage 2 and the output-layer polish. {@link TrainingHistory#physicsEpochs()} is 0: the
 * physics-alone stage is no longer run by Adam (the field stays for files written before).
 *
 * <h2>Training loop and early stopping</h2>
 * {@code round(n * validationFraction)} rows (at least 1) are held out at random; each epoch visits
 * the others once in a seeded random order, in minibatches. After every epoch the weights and
 * parameters are copied into Java arrays and the loss above (penalties included) is computed in
 * plain Java on the training and on the validation rows, exactly as the model predicts; the state
 * with the lowest validation loss is kept. After {@code max(1, patience / 3)} epochs without
 * improvement the learning rate halves (down to {@value #MIN_RATE_FACTOR} of the initial one), and
 * after {@code patience} epochs without improvement the stage stops. Every {@value #LOG_EVERY} epochs,
 * and at the first and last, an INFO line gives the epoch, both losses and the parameter values; the
 * {@link TrainingHistory} keeps all losses, the best epoch and the stop reason.
 *
 * <h2>Speed</h2>
 * Measured on the 2-core development machine with another process busy: 10,000 rows x 5 inputs,
 * default options ({@code [16, 16]}, batches of 256): hybrid 13.8 s (252 epochs of both stages),
 * physics only 0.9 s, pure ML 16.5 s (300 epochs). A SameDiff step costs about 2 ms for the physics
 * and 7 ms with the network at this batch size, mostly per-op overhead, so larger batches are
 * cheaper per row.
 *
 * <h2>Determinism and native memory</h2>
 * One {@link SplittableRandom} from the seed draws the initial weights, the split and every shuffle;
 * there is no other randomness, so the same seed and data give the same model in one process and
 * on one machine. The SameDiff graph exists only inside {@link #fit}; the arrays the trainer creates
 * are closed when it is done with them, and the returned model is plain Java.
 */
public final class HybridTrainer {

    /** The fewest rows a fit accepts (at least one is held out for validation). */
    public static final int MIN_ROWS = 4;
    /** An INFO progress line is logged every this many epochs. */
    public static final int LOG_EVERY = 10;

    /**
     * In the joint stage, the physical parameters take Adam steps this many times as long as the
     * network's (they are already fitted by stage 1; full steps make them jitter by about 1 %).
     */
    static final double JOINT_PARAMETER_STEP = 0.03;

    /**
     * The output layer's least-squares polish is kept unless it raises the validation loss by more
     * than this fraction. Measured on the spindle twin: at most +0.2 % on 9,600 rows (where the
     * polish brings the time constant from -1.6 % to +0.3 %; the validation targets are dominated by
     * noise), +11 % to +40 % on 90 rows (where the polished network is far off beyond the data).
     */
    static final double POLISH_TOLERANCE = 0.05;

    /**
     * The output layer's least-squares polish is not kept if it moves the correction by more than
     * this many standard deviations of the target at the training rows' correction inputs moved to
     * twice their distance from the rows' mean, and by more than {@link #MAX_POLISH_AMPLIFICATION}
     * times as much as on the rows ({@link #changeOfTheCorrection}). Hidden units that are nearly
     * collinear on the rows (a network of one input, such as a drift over time) let an exact output
     * layer cancel huge weights against each other: harmless on the rows, wild beyond them, where the
     * validation rows cannot see. A polish that repairs an undertrained network moves it on the rows
     * as well. Measured on the spindle twin's validation split (16 fits, before this guard): the
     * heating models' and the pure-ML growth models' polishes moved the correction by 0.10 to 0.82
     * beyond the rows, 1.7 to 16 times as much as on them; the hybrid growth drift's network of the
     * time alone by 11.8 to 18.4, about 2,000 times as much (its output-layer norm went from 0.35 to
     * 16,000), and a heating correction of the speed alone by 8.6, 160 times as much (42.7 um error
     * beyond the speed range, against 0.37 um without the polish).
     */
    static final double MAX_POLISH_CHANGE_BEYOND_DATA = 1.0;

    /** See {@link #MAX_POLISH_CHANGE_BEYOND_DATA}. */
    static final double MAX_POLISH_AMPLIFICATION = 50.0;

    /**
     * When the exact polish is refused as wild beyond the data, the polish is run again with
     * {@code POLISH_RIDGE * sum((w - w_trained)^2)} over the output layer added to its objective,
     * and kept if it passes both checks. Measured on the spindle twin's validation split with a
     * heating correction of the speed alone: 0.070 / 0.59 / 0.092 um beyond the speed range (seeds
     * 1 / 2 / 3), against 42.7 / 174 um for the exact polish. As the only polish it took the default
     * twin from 0.20 / 0.15 / 0.29 um to 0.64 / 0.69 / 0.33 um, so it is the fallback, not the rule.
     */
    static final double POLISH_RIDGE = 1e-4;

    /** The learning rate is halved on plateaus down to this fraction of the initial rate. */
    static final double MIN_RATE_FACTOR = 0.01;

    /** The history of the models made during training (replaced in the returned model). */
    private static final TrainingHistory PLACEHOLDER_HISTORY = new TrainingHistory(
            List.of(new TrainingHistory.EpochLoss(1, 0, 0)), 1, TrainingHistory.StopReason.MAX_EPOCHS, 0, 1, 1);

    private static final Logger LOG = LoggerFactory.getLogger(HybridTrainer.class);

    private final HybridOptions options;

    /** A trainer with these options. */
    public HybridTrainer(HybridOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default {@link HybridOptions}. */
    public HybridTrainer() {
        this(new HybridOptions());
    }

    /** The options this trainer fits with. */
    public HybridOptions options() {
        return options;
    }

    /**
     * Fits {@code spec} to the rows {@code x} and targets {@code y}.
     *
     * @param spec the model's physics, parameters, correction inputs and penalties
     * @param x    one row per observation, columns in the order of {@link HybridSpec#inputNames()};
     *             not modified
     * @param y    the measured output of each row
     * @return the model of the epoch with the lowest validation loss
     * @throws IllegalArgumentException if there are fewer than {@value #MIN_ROWS} rows, a row's length
     *                                  differs from the number of inputs, {@code y}'s length from the
     *                                  number of rows, a value is NaN or infinite (the message names
     *                                  the row and the column), the options ask for a correction
     *                                  but the spec names no correction inputs, or there is nothing
     *                                  to train (no parameters and no correction)
     */
    public HybridModel fit(HybridSpec spec, double[][] x, double[] y) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        checkData(spec, x, y);
        if (options.correction() && spec.correctionInputs().isEmpty()) {
            throw new IllegalArgumentException("the options ask for a correction but the spec names no correction"
                    + " inputs; name them, or use HybridOptions.withoutCorrection()");
        }
        if (!options.correction() && spec.parameters().isEmpty()) {
            throw new IllegalArgumentException("nothing to train: the spec has no parameters and the correction is off");
        }
        // The correction factor at every row and collocation point; a non-finite one is refused before any training.
        double[] factor = null;
        List<double[]> penaltyFactors = new ArrayList<>();
        if (options.correction()) {
            factor = factors(spec, x, "x row");
            for (Penalty penalty : spec.penalties()) {
                penaltyFactors.add(factors(spec, penalty.collocationInputs(), "penalty " + penalty.name()
                        + ": collocation row"));
            }
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        int n = x.length;
        int[] order = permutation(n, random);
        int validationRows = Math.max(1, (int) Math.round(n * options.validationFraction()));
        int trainingRows = n - validationRows;
        int[] train = java.util.Arrays.copyOfRange(order, 0, trainingRows);
        int[] validation = java.util.Arrays.copyOfRange(order, trainingRows, n);
        List<TrainingHistory.EpochLoss> epochs = new ArrayList<>();
        double[] raw = spec.parameters().stream().mapToDouble(PhysicalParameter::initialRaw).toArray();
        double yScale = trainingScale(y, train);
        if (!spec.parameters().isEmpty()) {
            raw = ParameterFit.fit(spec, options, null, raw, x, y, train, yScale);
            LOG.info("least-squares start of the physics: {}", describe(spec, raw));
        }
        int physicsEpochs = 0;
        try (Graph graph = new Graph(spec, options, options.correction(), raw, x, y, factor, penaltyFactors, train,
                random)) {
            Stage stage = graph.train(train, validation, random, epochs);
            TrainingHistory history = new TrainingHistory(epochs, stage.bestEpoch, stage.reason, physicsEpochs,
                    trainingRows, validationRows);
            double[] values = stage.model.parameterArray();
            Mlp network = stage.model.network();
            double[] polished = stage.raw;
            String what = "the parameters";
            if (!spec.parameters().isEmpty()) {
                polished = ParameterFit.fit(spec, options, network, stage.raw, x, y, train, yScale);
            }
            if (network != null) {
                // The least-squares optimum of the parameters and the network's output layer on the training
                // rows, with the hidden layers fixed; kept unless it does clearly worse on the validation rows
                // than the parameters' polish alone (with few rows an exact output layer can overfit), or moves
                // the correction wildly beyond the rows (nearly collinear hidden units): then once more with a
                // ridge tying the output layer to the trained one.
                Mlp trained = network;
                double kept = graph.objective(model(spec, polished, trained), validation);
                for (double ridge : new double[] {0, POLISH_RIDGE}) {
                    String how = ridge > 0 ? " with a ridge" : "";
                    ParameterFit.Polished p = ParameterFit.fitWithOutputLayer(spec, options, trained, stage.raw, x, y,
                            train, yScale, ridge);
                    double joint = graph.objective(model(spec, p.raw(), p.network()), validation);
                    if (joint > kept * (1 + POLISH_TOLERANCE)) {
                        LOG.info("the output layer's least-squares polish{} raised the validation loss from {} to {};"
                                + " kept the trained output layer", how, String.format(java.util.Locale.ROOT, "%.6g", kept),
                                String.format(java.util.Locale.ROOT, "%.6g", joint));
                        break;
                    }
                    double[] moved = changeOfTheCorrection(spec, trained, p.network(), x, train);
                    if (wildBeyondTheData(moved)) {
                        LOG.info("the output layer's least-squares polish{} moved the correction by {} target standard"
                                + " deviations at twice the training rows' distance from their mean and by {} on the"
                                + " rows: its hidden units are nearly collinear on the rows; {}", how,
                                String.format(java.util.Locale.ROOT, "%.3g", moved[1]),
                                String.format(java.util.Locale.ROOT, "%.3g", moved[0]),
                                ridge > 0 ? "kept the trained output layer" : "polishing again with a ridge");
                        continue;
                    }
                    polished = p.raw();
                    network = p.network();
                    what = (spec.parameters().isEmpty() ? "the network's output layer"
                            : "the parameters and the network's output layer") + (ridge > 0 ? " (with a ridge)" : "");
                    break;
                }
                if (network == trained && spec.parameters().isEmpty()) {
                    what = null;
                }
            }
            for (int k = 0; k < polished.length; k++) {
                values[k] = spec.parameters().get(k).value(polished[k]);
            }
            if (what != null) {
                LOG.info("least-squares polish of {}: {}", what, describe(spec, polished));
            }
            return new HybridModel(spec, options, values, network, history);
        }
    }

    /**
     * The largest change of the network's output between {@code trained} and {@code polished}, in
     * units of the target's standard deviation (the correction divided by its factor): {@code [0]}
     * at the training rows' correction inputs, {@code [1]} at those inputs moved to twice their
     * distance from the rows' mean.
     */
    static double[] changeOfTheCorrection(HybridSpec spec, Mlp trained, Mlp polished, double[][] x, int[] rows) {
        int[] columns = spec.correctionInputs().stream().mapToInt(spec.inputNames()::indexOf).toArray();
        double within = 0;
        double beyond = 0;
        for (int i : rows) {
            double[] z = trained.standardise(x[i], columns);
            within = Math.max(within, Math.abs(polished.raw(z) - trained.raw(z)));
            for (int j = 0; j < z.length; j++) {
                z[j] *= 2;
            }
            beyond = Math.max(beyond, Math.abs(polished.raw(z) - trained.raw(z)));
        }
        return new double[] {within, beyond};
    }

    /** Whether a polish that changed the correction by {@code moved} ({@link #changeOfTheCorrection}) is refused. */
    static boolean wildBeyondTheData(double[] moved) {
        return moved[1] > MAX_POLISH_CHANGE_BEYOND_DATA && moved[1] > MAX_POLISH_AMPLIFICATION * moved[0];
    }

    /** A scratch model of raw parameters {@code raw} and {@code network}, for comparing losses. */
    private static HybridModel model(HybridSpec spec, double[] raw, Mlp network) {
        double[] values = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            values[k] = spec.parameters().get(k).value(raw[k]);
        }
        return new HybridModel(spec, new HybridOptions(), values, network, PLACEHOLDER_HISTORY);
    }

    /** The outcome of one training stage: its best state, with the raw parameters that give it. */
    private record Stage(HybridModel model, double[] raw, int bestEpoch, TrainingHistory.StopReason reason) {
    }

    private static double trainingScale(double[] y, int[] train) {
        double[] ys = new double[train.length];
        for (int i = 0; i < train.length; i++) {
            ys[i] = y[train[i]];
        }
        double s = Graph.std(ys);
        return s > 0 ? s : 1.0;
    }

    private static String describe(HybridSpec spec, double[] raw) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < raw.length; k++) {
            PhysicalParameter p = spec.parameters().get(k);
            b.append(k == 0 ? "" : ", ").append(p.name()).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.6g", p.value(raw[k])));
        }
        return b.toString();
    }

    private static void checkData(HybridSpec spec, double[][] x, double[] y) {
        int width = spec.inputNames().size();
        if (x.length < MIN_ROWS) {
            throw new IllegalArgumentException("need at least " + MIN_ROWS + " rows, got " + x.length);
        }
        if (y.length != x.length) {
            throw new IllegalArgumentException("y has " + y.length + " values but x has " + x.length + " rows");
        }
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null) {
                throw new IllegalArgumentException("x row " + i + " is null");
            }
            if (row.length != width) {
                throw new IllegalArgumentException("x row " + i + " has " + row.length + " values, expected " + width
                        + " " + spec.inputNames());
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("x row " + i + ", column " + j + " (" + spec.inputNames().get(j)
                            + ") is " + row[j]);
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y row " + i + " (" + spec.outputName() + ") is " + y[i]);
            }
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * The network's raw output in {@code sd} for the standardised inputs {@code z}: per layer
     * {@code {weights (in x out), biases (1 x out)}}, the activation after every layer but the last.
     * {@link Mlp#raw} computes the same in Java.
     */
    static SDVariable network(SameDiff sd, SDVariable z, List<SDVariable[]> layers, Activation activation) {
        SDVariable a = z;
        for (int l = 0; l < layers.size(); l++) {
            a = a.mmul(layers.get(l)[0]).add(layers.get(l)[1]);
            if (l + 1 < layers.size()) {
                a = switch (activation) {
                    case TANH -> sd.math().tanh(a);
                    // ND4J's softplus is log(1 + exp(x)): infinite beyond x = 709. This form is stable
                    // (and is what Activation.apply computes in Java).
                    case SOFTPLUS -> sd.nn().relu(a, 0.0)
                            .add(sd.math().log1p(sd.math().exp(sd.math().abs(a).neg())));
                    case RELU -> sd.nn().relu(a, 0.0);
                };
            }
        }
        return a;
    }

    /**
     * The spec's correction factor at every row of {@code rows} (inputs in the spec's order).
     *
     * @param what names a row in the error message, e.g. {@code "x row"}
     * @throws IllegalArgumentException if the factor is NaN or infinite at a row
     */
    static double[] factors(HybridSpec spec, double[][] rows, String what) {
        Expr.Compiled f = spec.correctionFactor().compile(spec.binding());
        double[] none = new double[spec.parameters().size()];
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = f.evaluate(rows[i], none);
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("the correction factor " + spec.correctionFactor() + " is " + out[i]
                        + " at " + what + " " + i);
            }
        }
        return out;
    }

    private static INDArray column(double[] values) {
        return Nd4j.create(values, new long[] {values.length, 1}, DataType.DOUBLE);
    }

    private static INDArray matrix(double[][] rows, int width) {
        double[] flat = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return Nd4j.create(flat, new long[] {rows.length, width}, DataType.DOUBLE);
    }

    /** The SameDiff graph of one fit, with the data it needs in Java form. */
    private static final class Graph implements AutoCloseable {

        private final HybridSpec spec;
        private final HybridOptions options;
        private final boolean correction;
        /** The graph learns {@code raw / rawScale}: Adam's steps on a parameter are {@code rawScale} times as long. */
        private final double rawScale;
        private final double[][] x;
        private final double[] y;
        private final SameDiff sd = SameDiff.create();
        private final List<Integer> physicsColumns = new ArrayList<>();
        private final int[] correctionColumns;
        /** The correction factor at every row (all 1 for a plain additive correction); null without a correction. */
        private final double[] factor;
        /** The correction factor at every penalty's collocation points, in the spec's order (with a correction). */
        private final List<double[]> penaltyFactors;
        private final double yScale;
        private final double[] zMean;
        private final double[] zStd;
        private final int[] widths;
        private final List<String> featureNames = new ArrayList<>();
        /** Adam's step size, lowered on plateaus while training runs. */
        private final SettableRate learningRate;

        Graph(HybridSpec spec, HybridOptions options, boolean correction, double[] raw, double[][] x, double[] y,
              double[] factor, List<double[]> penaltyFactors, int[] train, SplittableRandom random) {
            this.spec = spec;
            this.options = options;
            this.correction = correction;
            this.rawScale = correction ? JOINT_PARAMETER_STEP : 1.0;
            this.learningRate = new SettableRate(options.learningRate());
            this.x = x;
            this.y = y;
            this.correctionColumns = spec.correctionInputs().stream().mapToInt(spec.inputNames()::indexOf).toArray();
            this.factor = factor;
            this.penaltyFactors = penaltyFactors;
            double[] ys = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                ys[i] = y[train[i]];
            }
            double s = std(ys);
            this.yScale = s > 0 ? s : 1.0;
            int k = correctionColumns.length;
            this.zMean = new double[k];
            this.zStd = new double[k];
            for (int j = 0; j < k; j++) {
                double[] col = new double[train.length];
                for (int i = 0; i < train.length; i++) {
                    col[i] = x[train[i]][correctionColumns[j]];
                }
                zMean[j] = mean(col);
                double sj = std(col);
                zStd[j] = sj > 0 ? sj : 1.0;
            }
            List<Integer> hidden = options.hidden();
            this.widths = new int[hidden.size() + 2];
            widths[0] = k;
            for (int l = 0; l < hidden.size(); l++) {
                widths[l + 1] = hidden.get(l);
            }
            widths[widths.length - 1] = 1;
            build(raw, random);
        }

        private void build(double[] initialRaw, SplittableRandom random) {
            // Parameters: p = lower + (upper - lower) * sigmoid(raw), raw trainable.
            Map<String, SDVariable> params = new HashMap<>();
            for (int i = 0; i < spec.parameters().size(); i++) {
                PhysicalParameter p = spec.parameters().get(i);
                SDVariable raw = sd.var("raw" + i, Nd4j.scalar(DataType.DOUBLE, initialRaw[i] / rawScale));
                params.put(p.name(), sd.nn().sigmoid(raw.mul(rawScale)).mul(p.upper() - p.lower()).add(p.lower()));
            }
            // Network weights.
            List<SDVariable[]> layers = new ArrayList<>();
            if (correction) {
                for (int l = 0; l + 1 < widths.length; l++) {
                    int in = widths[l];
                    int out = widths[l + 1];
                    double[] w = new double[in * out];
                    if (l + 2 < widths.length) {
                        double limit = options.activation().initLimit(in, out);
                        for (int i = 0; i < w.length; i++) {
                            w[i] = random.nextDouble(-limit, limit);
                        }
                    }
                    layers.add(new SDVariable[] {
                        sd.var("w" + l, Nd4j.create(w, new long[] {in, out}, DataType.DOUBLE)),
                        sd.var("b" + l, Nd4j.zeros(DataType.DOUBLE, 1, out))});
                }
            }
            // Placeholders of the training rows.
            Map<String, SDVariable> inputs = new HashMap<>();
            for (String name : spec.physics().inputs()) {
                int j = spec.inputNames().indexOf(name);
                physicsColumns.add(j);
                String id = "x" + j;
                inputs.put(name, sd.placeHolder(id, DataType.DOUBLE, -1, 1));
                featureNames.add(id);
            }
            SDVariable physics = spec.physics().toSameDiff(sd, inputs::get, params::get);
            SDVariable pred = physics;
            SDVariable loss;
            SDVariable yVar = sd.placeHolder("y", DataType.DOUBLE, -1, 1);
            if (correction) {
                SDVariable z = sd.placeHolder("z", DataType.DOUBLE, -1, correctionColumns.length);
                featureNames.add("z");
                SDVariable g = sd.placeHolder("g", DataType.DOUBLE, -1, 1);
                featureNames.add("g");
                SDVariable net = network(z, layers);
                pred = physics.add(net.mul(g).mul(yScale));
                SDVariable data = sd.math().square(pred.sub(yVar).div(yScale)).mean();
                loss = data.add(sd.math().square(net).mean().mul(options.correctionPenalty()));
            } else {
                loss = sd.math().square(pred.sub(yVar).div(yScale)).mean();
            }
            // Penalties at their collocation points (constants).
            int n = spec.inputNames().size();
            for (int k = 0; k < spec.penalties().size(); k++) {
                Penalty penalty = spec.penalties().get(k);
                double[][] rows = penalty.collocationInputs();
                Map<String, SDVariable> cin = new HashMap<>();
                for (int j = 0; j < n; j++) {
                    double[] col = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        col[i] = rows[i][j];
                    }
                    cin.put(spec.inputNames().get(j), sd.constant("c" + k + "_x" + j, column(col)));
                }
                if (penalty.residual().inputs().contains(spec.outputName())) {
                    SDVariable cp = spec.physics().toSameDiff(sd, cin::get, params::get);
                    if (correction) {
                        double[][] zs = new double[rows.length][];
                        for (int i = 0; i < rows.length; i++) {
                            zs[i] = standardise(rows[i]);
                        }
                        SDVariable cz = sd.constant("c" + k + "_z", matrix(zs, correctionColumns.length));
                        SDVariable cg = sd.constant("c" + k + "_g", column(penaltyFactors.get(k)));
                        cp = cp.add(network(cz, layers).mul(cg).mul(yScale));
                    }
                    cin.put(spec.outputName(), cp);
                }
                SDVariable r = penalty.residual().toSameDiff(sd, cin::get, params::get);
                SDVariable v = penalty.kind() == Penalty.Kind.EQUALITY ? r : sd.nn().relu(r, 0.0);
                loss = loss.add(sd.math().square(v).mean().mul(penalty.weight()));
            }
            sd.setLossVariables(loss);
            sd.setTrainingConfig(TrainingConfig.builder()
                    .updater(new Adam(learningRate))
                    .dataSetFeatureMapping(featureNames)
                    .dataSetLabelMapping("y")
                    .build());
            // What the first fit call would do, without ND4J's line per op on System.out.
            QuietNd4j.createGradFunction(sd);
        }

        private SDVariable network(SDVariable z, List<SDVariable[]> layers) {
            return HybridTrainer.network(sd, z, layers, options.activation());
        }

        private double[] standardise(double[] row) {
            double[] z = new double[correctionColumns.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = (row[correctionColumns[j]] - zMean[j]) / zStd[j];
            }
            return z;
        }

        /** Trains until early stopping or the epoch limit, appending to {@code losses}. */
        Stage train(int[] train, int[] validation, SplittableRandom random, List<TrainingHistory.EpochLoss> losses) {
            int offset = losses.size();
            double best = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            HybridModel bestModel = null;
            double[] bestRaw = null;
            TrainingHistory.StopReason reason = TrainingHistory.StopReason.MAX_EPOCHS;
            int[] order = train.clone();
            int lastReduction = 0;
            for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
                shuffle(order, random);
                runEpoch(order);
                HybridModel current = snapshot();
                double trainLoss = objective(current, train);
                double validationLoss = objective(current, validation);
                if (!Double.isFinite(trainLoss)) {
                    throw new IllegalStateException("training diverged at epoch " + epoch + ": loss " + trainLoss
                            + " (parameters " + current.parameters() + "); lower the learning rate, now "
                            + options.learningRate());
                }
                losses.add(new TrainingHistory.EpochLoss(offset + epoch, trainLoss, validationLoss));
                if (validationLoss < best) {
                    best = validationLoss;
                    bestEpoch = epoch;
                    bestModel = current;
                    bestRaw = raw();
                }
                boolean stop = epoch - bestEpoch >= options.patience();
                int plateau = Math.max(1, options.patience() / 3);
                if (!stop && epoch - Math.max(bestEpoch, lastReduction) >= plateau
                        && learningRate.value > options.learningRate() * MIN_RATE_FACTOR) {
                    learningRate.value *= 0.5;
                    lastReduction = epoch;
                    LOG.debug("epoch {}: no improvement for {} epochs, learning rate now {}", epoch, plateau,
                            learningRate.value);
                }
                if (epoch == 1 || epoch % LOG_EVERY == 0 || stop || epoch == options.maxEpochs()) {
                    LOG.info("epoch {}/{}{}: loss {}, validation loss {}{}", epoch, options.maxEpochs(),
                            correction ? "" : " (physics)",
                            String.format(java.util.Locale.ROOT, "%.6g", trainLoss),
                            String.format(java.util.Locale.ROOT, "%.6g", validationLoss), describe(current));
                }
                if (stop) {
                    reason = TrainingHistory.StopReason.EARLY_STOPPING;
                    LOG.info("early stop after epoch {}: best epoch {} (validation loss {})", epoch, bestEpoch,
                            String.format(java.util.Locale.ROOT, "%.6g", best));
                    break;
                }
            }
            return new Stage(bestModel, bestRaw, offset + bestEpoch, reason);
        }

        private double[] raw() {
            double[] raw = new double[spec.parameters().size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = sd.getArrForVarName("raw" + i).getDouble(0) * rawScale;
            }
            return raw;
        }

        private static String describe(HybridModel model) {
            if (model.parameters().isEmpty()) {
                return "";
            }
            StringJoiner joiner = new StringJoiner(", ", ", parameters ", "");
            model.parameters().forEach((name, value) ->
                    joiner.add(name + "=" + String.format(java.util.Locale.ROOT, "%.6g", value)));
            return joiner.toString();
        }

        /** One pass over the training rows in {@code order}, minibatch by minibatch. */
        private void runEpoch(int[] order) {
            List<MultiDataSet> batches = new ArrayList<>();
            int size = options.batchSize();
            for (int start = 0; start < order.length; start += size) {
                int end = Math.min(order.length, start + size);
                int m = end - start;
                INDArray[] features = new INDArray[featureNames.size()];
                for (int f = 0; f < physicsColumns.size(); f++) {
                    int j = physicsColumns.get(f);
                    double[] col = new double[m];
                    for (int i = 0; i < m; i++) {
                        col[i] = x[order[start + i]][j];
                    }
                    features[f] = column(col);
                }
                if (correction) {
                    double[][] zs = new double[m][];
                    double[] gs = new double[m];
                    for (int i = 0; i < m; i++) {
                        zs[i] = standardise(x[order[start + i]]);
                        gs[i] = factor[order[start + i]];
                    }
                    features[physicsColumns.size()] = matrix(zs, correctionColumns.length);
                    features[physicsColumns.size() + 1] = column(gs);
                }
                double[] ys = new double[m];
                for (int i = 0; i < m; i++) {
                    ys[i] = y[order[start + i]];
                }
                batches.add(new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {column(ys)}));
            }
            sd.fit(new ListIterator(batches), 1);
            for (MultiDataSet batch : batches) {
                for (INDArray a : batch.getFeatures()) {
                    a.close();
                }
                batch.getLabels(0).close();
            }
        }

        /** The current state as a (plain Java) model. */
        private HybridModel snapshot() {
            double[] params = new double[spec.parameters().size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = spec.parameters().get(i).value(sd.getArrForVarName("raw" + i).getDouble(0) * rawScale);
            }
            Mlp network = null;
            if (correction) {
                int layers = widths.length - 1;
                double[][] w = new double[layers][];
                double[][] b = new double[layers][];
                for (int l = 0; l < layers; l++) {
                    w[l] = sd.getArrForVarName("w" + l).data().asDouble();
                    b[l] = sd.getArrForVarName("b" + l).data().asDouble();
                }
                network = new Mlp(zMean, zStd, widths, w, b, yScale, options.activation());
            }
            return new HybridModel(spec, options, params, network, PLACEHOLDER_HISTORY);
        }

        /** The training objective of {@code model} on the rows {@code rows}, in plain Java. */
        private double objective(HybridModel model, int[] rows) {
            double data = 0;
            double corr = 0;
            for (int i : rows) {
                double e = (model.physics(x[i]) + model.correction(x[i]) - y[i]) / yScale;
                data += e * e;
                double net = model.networkOutput(x[i]);
                corr += net * net;
            }
            double loss = data / rows.length + options.correctionPenalty() * corr / rows.length;
            for (Penalty penalty : spec.penalties()) {
                double sum = 0;
                for (double r : model.residuals(penalty)) {
                    sum += penalty.cost(r);
                }
                loss += penalty.weight() * sum / penalty.points();
            }
            return loss;
        }

        @Override
        public void close() {
            for (SDVariable v : sd.variables()) {
                INDArray arr = v.getArr();
                if (arr != null && !arr.wasClosed() && arr.closeable()) {
                    arr.close();
                }
            }
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double d : v) {
                s += d;
            }
            return s / v.length;
        }

        private static double std(double[] v) {
            double m = mean(v);
            double s = 0;
            for (double d : v) {
                s += (d - m) * (d - m);
            }
            return Math.sqrt(s / v.length);
        }
    }

    /** Adam's learning rate as a value the training loop lowers (ND4J reads it at every step). */
    private static final class SettableRate implements ISchedule {

        private static final long serialVersionUID = 1L;
        double value;

        SettableRate(double value) {
            this.value = value;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return value;
        }

        /** The same instance: ND4J's copies of the updater must see the loop's changes. */
        @Override
        public ISchedule clone() {
            return this;
        }
    }

    /** Minibatches of one epoch, in order; synchronous (no prefetch thread). */
    private static final class ListIterator implements MultiDataSetIterator {

        private final List<MultiDataSet> batches;
        private int next;

        ListIterator(List<MultiDataSet> batches) {
            this.batches = batches;
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("no preprocessing");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batches.get(next++);
        }
    }
}

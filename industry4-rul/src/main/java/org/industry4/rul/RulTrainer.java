package org.industry4.rul;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.industry4.rul.data.EngineFolds;
import org.industry4.rul.data.Preprocessor;
import org.industry4.rul.data.RulTargets;
import org.industry4.rul.data.Trajectory;
import org.industry4.rul.data.WindowSet;
import org.industry4.rul.data.Windows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link RulModel} on run-to-failure histories (or cut histories with a known RUL at
 * their end).
 *
 * <h2>What {@link #fit} does</h2>
 * <ol>
 *   <li>Splits the engines (never rows) at random into training, validation and calibration
 *   engines by {@link RulOptions#validationFraction()} and {@link RulOptions#calibrationFraction()}.</li>
 *   <li>Fits the {@link Preprocessor} on the training engines only.</li>
 *   <li>Builds windows of {@link RulOptions#window()} rows per engine, never across engines, with the
 *   piecewise-linear target {@code min(cap, RUL)} of each window's last row, scaled by {@code 1/cap}.</li>
 *   <li>Trains the network with Adam on shuffled minibatches, one progress line per epoch, and
 *   keeps the epoch with the lowest validation RMSE (over every window of the validation
 *   engines); stops after {@link RulOptions#patience()} epochs without improvement, after
 *   {@link RulOptions#maxEpochs()}, or when {@link RulOptions#maxTrainingTime()} is used up.</li>
 *   <li>Split-conformal interval: cuts each calibration engine at {@link RulOptions#calibrationCuts()}
 *   uniformly random cycles (as NASA cut its test engines), takes the absolute residuals
 *   {@code |min(cap, RUL) - estimate|} and keeps their {@code ceil((n + 1) coverage)}-th smallest
 *   as the half-width (Lei et al. 2018). The cuts of one engine are not independent, so the
 *   coverage guarantee holds per engine draw only approximately; the benchmark reports the
 *   coverage it measures.</li>
 * </ol>
 *
 * <h2>DL4J and native memory</h2>
 * Training runs in the calling thread (ND4J parallelises the matrix products itself with
 * {@code OMP_NUM_THREADS} threads). The DL4J network lives only inside {@link #fit}: every array
 * the trainer creates is closed, the network is closed before {@code fit} returns or throws, and
 * the model is plain Java. Run with {@code -Dorg.bytedeco.javacpp.nopointergc=true} (about 3x
 * faster); DL4J 1.0.0-M2.1 then leaves roughly 100 KB of native memory per minibatch unfreed,
 * which only JavaCPP's pointer garbage collection reclaims: a service that retrains often should
 * train in a separate process.
 */
public final class RulTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(RulTrainer.class);

    /** The fewest engines a fit accepts: at least one each for training, validation and calibration. */
    public static final int MIN_ENGINES = 3;

    private final RulOptions options;

    public RulTrainer(RulOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public RulTrainer() {
        this(new RulOptions());
    }

    public RulOptions options() {
        return options;
    }

    /**
     * Trains on {@code engines}, each with a known RUL at its end (0 for run-to-failure).
     *
     * @throws IllegalArgumentException for fewer than {@value #MIN_ENGINES} engines, an unknown RUL,
     *                                  differing schemas, or too few calibration residuals for the coverage
     * @throws IllegalStateException    if ND4J cannot load or training diverges
     */
    public RulModel fit(List<Trajectory> engines) {
        Objects.requireNonNull(engines, "engines");
        if (engines.size() < MIN_ENGINES) {
            throw new IllegalArgumentException("RUL training needs at least " + MIN_ENGINES + " engines, got "
                    + engines.size());
        }
        for (Trajectory t : engines) {
            if (!t.rulKnown()) {
                throw new IllegalArgumentException("engine " + t.assetId() + " has no known RUL at its end; training "
                        + "needs run-to-failure histories (rulAtEnd 0) or cut histories with their RUL");
            }
            if (!t.schema().equals(engines.get(0).schema())) {
                throw new IllegalArgumentException("engine " + t.assetId() + " has schema " + t.schema().names()
                        + " but engine " + engines.get(0).assetId() + " has " + engines.get(0).schema().names());
            }
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        double v = options.validationFraction();
        double c = options.calibrationFraction();
        int[][] split = EngineFolds.split(engines.size(), new double[] {1 - v - c, v, c}, random.nextLong());
        List<Trajectory> training = pick(engines, split[0]);
        List<Trajectory> validation = pick(engines, split[1]);
        List<Trajectory> calibration = pick(engines, split[2]);

        Preprocessor preprocessor = Preprocessor.fit(training, options.preprocess());
        int features = preprocessor.outputSchema().size(); // at least 1: the fit refuses to drop every column
        WindowSet train = windows(training, preprocessor);
        WindowSet valid = windows(validation, preprocessor);
        LOG.info("training a {} {} RUL model (window {}, cap {}) on {} engines: {} training engines ({} windows), {} "
                        + "validation ({} windows), {} calibration; {} features after preprocessing",
                options.architecture(), options.layers(), options.window(), options.cap(), engines.size(),
                training.size(), train.count(), validation.size(), valid.count(), calibration.size(), features);

        Dl4j.ensureLoaded();
        long networkSeed = random.nextLong();
        MultiLayerNetwork network = Dl4j.network(options, features, networkSeed == 0 ? 1 : networkSeed);
        Trained trained;
        try {
            trained = train(network, train, valid, features, random.split());
        } finally {
            network.close();
        }
        RulModel uncalibrated = new RulModel(preprocessor, trained.network, options, 0, 1, trained.history);
        double[] residuals = residuals(uncalibrated, calibration, random.nextLong());
        double halfWidth = conformalHalfWidth(residuals, options.coverage());
        LOG.info("kept epoch {} of {} (validation RMSE {}); {} interval half-width {} cycles from {} calibration cuts",
                trained.history.bestEpoch(), trained.history.epochs().size(),
                String.format("%.2f", trained.history.bestValidationRmse()), options.coverage(),
                String.format("%.2f", halfWidth), residuals.length);
        return new RulModel(preprocessor, trained.network, options, halfWidth, residuals.length, trained.history);
    }

    /**
     * The split-conformal half-width: the {@code ceil((n + 1) coverage)}-th smallest residual.
     *
     * @throws IllegalArgumentException when {@code n} is too small for {@code coverage} (that rank exceeds n)
     */
    static double conformalHalfWidth(double[] residuals, double coverage) {
        int n = residuals.length;
        int rank = (int) Math.ceil((n + 1) * coverage);
        if (rank > n) {
            throw new IllegalArgumentException(n + " calibration residuals are too few for coverage " + coverage
                    + " (need at least " + (int) Math.ceil(coverage / (1 - coverage)) + "); raise calibrationCuts "
                    + "or calibrationFraction");
        }
        double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        return sorted[rank - 1];
    }

    /** The absolute residuals of the model on {@code calibrationCuts} test-like cuts of each engine. */
    private double[] residuals(RulModel model, List<Trajectory> engines, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] residuals = new double[engines.size() * options.calibrationCuts()];
        int k = 0;
        for (int cut = 0; cut < options.calibrationCuts(); cut++) {
            for (Trajectory t : EngineFolds.cutAtRandom(engines, options.window(), random.nextLong())) {
                double truth = Math.min(options.cap(), t.rulAtEnd());
                residuals[k++] = Math.abs(truth - model.predict(t).rul());
            }
        }
        return residuals;
    }

    private WindowSet windows(List<Trajectory> engines, Preprocessor preprocessor) {
        List<double[][]> rows = new ArrayList<>(engines.size());
        List<double[]> targets = new ArrayList<>(engines.size());
        for (Trajectory t : engines) {
            rows.add(preprocessor.transform(t));
            double[] target = RulTargets.piecewiseLinear(t.cycles(), t.rulAtEnd(), options.cap());
            for (int i = 0; i < target.length; i++) {
                target[i] /= options.cap();
            }
            targets.add(target);
        }
        return Windows.training(rows, targets, options.window());
    }

    private record Trained(RulNetwork network, TrainingHistory history) {
    }

    private Trained train(MultiLayerNetwork network, WindowSet train, WindowSet valid, int features,
                          SplittableRandom shuffle) {
        long start = System.nanoTime();
        long budget = options.maxTrainingTime().toNanos();
        int batch = options.batchSize();
        int n = train.count();
        int[] validOrder = new int[valid.count()];
        for (int i = 0; i < validOrder.length; i++) {
            validOrder[i] = i;
        }
        List<TrainingHistory.EpochLoss> losses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        RulNetwork bestNetwork = null;
        int bestEpoch = 0;
        int sinceBest = 0;
        TrainingHistory.Stop stop = TrainingHistory.Stop.MAX_EPOCHS;
        double cap = options.cap();
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            int[] order = permutation(n, shuffle);
            double lossSum = 0;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                try (INDArray x = Dl4j.input(options.architecture(), train.data(), train.length(), features, order,
                        from, to);
                     INDArray y = Dl4j.labels(train.targets(), order, from, to)) {
                    network.fit(x, y);
                }
                // DL4J's MSE score: the batch mean of each example's mean squared error over the
                // outputs (one here), computed before the update.
                lossSum += network.score() * (to - from);
            }
            double trainRmse = Math.sqrt(lossSum / n) * cap;
            double validRmse = validationRmse(network, valid, features, validOrder) * cap;
            if (!Double.isFinite(trainRmse) || !Double.isFinite(validRmse)) {
                throw new IllegalStateException("RUL training diverged at epoch " + epoch + " (training RMSE "
                        + trainRmse + ", validation RMSE " + validRmse + "); lower the learningRate ("
                        + options.learningRate() + ")");
            }
            losses.add(new TrainingHistory.EpochLoss(epoch, trainRmse, validRmse));
            if (validRmse < best) {
                best = validRmse;
                bestEpoch = epoch;
                bestNetwork = Dl4j.copy(network, options, features);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            LOG.info("epoch {}/{}: training RMSE {}, validation RMSE {} (best {} at epoch {}), {} s",
                    epoch, options.maxEpochs(), String.format("%.2f", trainRmse), String.format("%.2f", validRmse),
                    String.format("%.2f", best), bestEpoch, String.format("%.1f", elapsed));
            if (epoch == options.maxEpochs()) {
                break;
            }
            if (sinceBest >= options.patience()) {
                stop = TrainingHistory.Stop.PATIENCE;
                break;
            }
            if (System.nanoTime() - start >= budget) {
                stop = TrainingHistory.Stop.TIME_BUDGET;
                LOG.info("training time budget {} used up after epoch {}", options.maxTrainingTime(), epoch);
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Trained(bestNetwork, new TrainingHistory(losses, bestEpoch, stop, n, valid.count(), seconds));
    }

    /** The RMSE (in units of the cap) of the network over all windows of {@code valid}. */
    private double validationRmse(MultiLayerNetwork network, WindowSet valid, int features, int[] order) {
        double sum = 0;
        int n = valid.count();
        int batch = 1024;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            try (INDArray x = Dl4j.input(options.architecture(), valid.data(), valid.length(), features, order, from,
                    to);
                 INDArray out = network.output(x, false)) {
                float[] y = Dl4j.floats(out);
                for (int k = from; k < to; k++) {
                    double e = y[k - from] - valid.targets()[k];
                    sum += e * e;
                }
            }
        }
        return Math.sqrt(sum / n);
    }

    private static List<Trajectory> pick(List<Trajectory> all, int[] indices) {
        List<Trajectory> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(all.get(i));
        }
        return picked;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

package org.industry4.anomaly.autoencoder;

import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.core.FeatureSchema;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ConvAutoencoderModel} on a multivariate series of normal operation (DL4J, CPU),
 * as SKAB's Conv-AE does.
 *
 * <h2>Training</h2>
 * <ol>
 *   <li>The scaler ({@link ConvAutoencoderOptions#scaler()}) is fitted on all the rows (SKAB fits its
 *   StandardScaler on the whole training part).</li>
 *   <li>The scaled series is cut into every window of {@link ConvAutoencoderOptions#window()}
 *   consecutive rows (stride 1); the last {@code round(n * validationFraction)} windows are held out
 *   for validation (Keras' {@code validation_split}), the others train. At least
 *   {@value #MIN_SPLIT_WINDOWS} of each are required.</li>
 *   <li>Each epoch visits the training windows once in an order drawn from the seed, in minibatches,
 *   with Adam on the mean squared reconstruction error and dropout as the options say. After each
 *   epoch the parameters are copied into Java ({@link ConvNetwork}) and the validation loss, the
 *   mean squared error of the validation windows under that copy, is logged at INFO with the
 *   training loss. After {@link ConvAutoencoderOptions#patience()} epochs without a lower validation
 *   loss, training stops and the best epoch's network is kept (Keras' {@code EarlyStopping} as SKAB
 *   uses it keeps the last epoch's weights instead; the difference is at most {@code patience}
 *   epochs of training).</li>
 *   <li>The threshold is {@code thresholdFactor x threshold(residuals)}, the residuals
 *   ({@link ConvAutoencoderModel#score}) of every training window or of the validation windows
 *   ({@link ConvAutoencoderOptions#thresholdData()}).</li>
 * </ol>
 *
 * <h2>Determinism</h2>
 * A {@link SplittableRandom} from the seed gives DL4J's seed (never 0) and every shuffle. DL4J
 * seeds its weight initialisation and ND4J's process-wide random generator, which draws the dropout
 * masks, from that seed when the network is initialised. The same seed and data therefore give
 * bit-identical models when fits run one after another in one process on one machine (the tests
 * check it); two fits with dropout running at the same time in one process share ND4J's generator
 * and are not reproducible, and native BLAS may round differently on another CPU.
 *
 * <h2>DL4J and native memory</h2>
 * As for {@link AutoencoderTrainer}: the DL4J network and every array live only inside
 * {@link #fit} and are closed before it returns; the model is plain Java. With
 * {@code -Dorg.bytedeco.javacpp.nopointergc=true} DL4J 1.0.0-M2.1 leaves some native memory unfreed
 * per training step, which only JavaCPP's pointer garbage collection (the default) reclaims.
 */
public final class ConvAutoencoderTrainer {

    /** The fewest training windows and the fewest validation windows a fit accepts. */
    public static final int MIN_SPLIT_WINDOWS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ConvAutoencoderTrainer.class);

    private final ConvAutoencoderOptions options;

    /** A trainer with these options. */
    public ConvAutoencoderTrainer(ConvAutoencoderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default (SKAB's) {@link ConvAutoencoderOptions}. */
    public ConvAutoencoderTrainer() {
        this(new ConvAutoencoderOptions());
    }

    /** The options this trainer fits with. */
    public ConvAutoencoderOptions options() {
        return options;
    }

    /**
     * Trains on a series of normal operation (not modified).
     *
     * @param rows    one row per time step, in time order, each in {@code sensors} order, all finite
     * @param sensors the sensors (channels); at least 1
     * @throws IllegalArgumentException naming the problem: no sensors, too few rows for the window
     *                                  and the validation split, a row of the wrong size or with a
     *                                  NaN or infinite value (row and sensor named), a constant
     *                                  sensor
     * @throws IllegalStateException    if ND4J's native backend cannot load, or training diverges
     */
    public ConvAutoencoderModel fit(double[][] rows, FeatureSchema sensors) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(sensors, "sensors");
        int p = sensors.size();
        if (p < 1) {
            throw new IllegalArgumentException("a conv autoencoder needs at least 1 sensor, got 0");
        }
        int w = options.window();
        int n = rows.length - w + 1;
        int validation = (int) Math.round(Math.max(n, 0) * options.validationFraction());
        int training = n - validation;
        if (validation < MIN_SPLIT_WINDOWS || training < MIN_SPLIT_WINDOWS) {
            int windows = Training.minimumExamples(MIN_SPLIT_WINDOWS, options.validationFraction());
            throw new IllegalArgumentException("training data must have at least " + (windows + w - 1)
                    + " rows for window " + w + " and validationFraction " + options.validationFraction()
                    + " (at least " + MIN_SPLIT_WINDOWS + " training and " + MIN_SPLIT_WINDOWS
                    + " validation windows), got " + rows.length);
        }
        Rows.requireAll(sensors, rows);
        Networks.ensureLoaded();

        Scaler scaler = Training.fitScaler(options.scaler(), rows, sensors);
        double[][] scaled = scaler.transformAll(rows);
        double[][][] windows = new double[n][][];
        for (int k = 0; k < n; k++) {
            windows[k] = ConvAutoencoderModel.channels(scaled, k, w);
        }

        SplittableRandom random = new SplittableRandom(options.seed());
        long networkSeed = Training.networkSeed(random);
        LOG.info("training a conv autoencoder (window {}, encoder {}) on {} rows: {} training and {} validation"
                + " windows, {} sensors", w, options.encoder(), rows.length, training, validation, p);
        MultiLayerNetwork network = ConvNetwork.dl4j(options, p, networkSeed);
        Training.Trained<ConvNetwork> trained;
        try {
            trained = train(network, windows, training, p, random.split());
        } finally {
            network.close();
        }
        int from = options.thresholdData() == ConvAutoencoderOptions.ThresholdData.TRAINING_WINDOWS ? 0 : training;
        double[] residuals = new double[n - from];
        for (int k = from; k < n; k++) {
            residuals[k - from] = ConvAutoencoderModel.residual(windows[k], trained.network().forward(windows[k]));
        }
        double threshold = options.thresholdFactor() * options.threshold().threshold(residuals);
        TrainingHistory history = trained.history();
        LOG.info("conv autoencoder kept epoch {} of {} (validation loss {}), threshold {} ({} x {} of the {} {})",
                history.bestEpoch(), history.epochs().size(), history.bestValidationLoss(), threshold,
                options.thresholdFactor(), options.threshold(), residuals.length, options.thresholdData());
        return new ConvAutoencoderModel(sensors, scaler, trained.network(), threshold, options, history);
    }

    private Training.Trained<ConvNetwork> train(MultiLayerNetwork network, double[][][] windows, int training,
                                                int p, SplittableRandom shuffle) {
        int n = windows.length;
        int batch = options.batchSize();
        return Training.earlyStopping("conv autoencoder", options.maxEpochs(), options.patience(),
                options.learningRate(), training, n - training, shuffle, new Training.Epochs<>() {
                    @Override
                    public double train(int[] order) {
                        double lossSum = 0;
                        for (int from = 0; from < training; from += batch) {
                            int to = Math.min(training, from + batch);
                            try (INDArray x = ConvNetwork.input(windows, order, from, to)) {
                                network.fit(x, x);
                            }
                            // DL4J's CnnLossLayer score sums the per-step mean over channels across the steps.
                            lossSum += network.score() / options.window() * (to - from);
                        }
                        return lossSum / training;
                    }

                    @Override
                    public ConvNetwork copy() {
                        return ConvNetwork.copyOf(network, options, p);
                    }

                    @Override
                    public double validationLoss(ConvNetwork current) {
                        double loss = 0;
                        for (int k = training; k < n; k++) {
                            loss += meanSquaredError(windows[k], current.forward(windows[k]));
                        }
                        return loss / (n - training);
                    }
                }, LOG);
    }

    private static double meanSquaredError(double[][] z, double[][] r) {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < z.length; c++) {
            for (int t = 0; t < z[c].length; t++) {
                double e = z[c][t] - r[c][t];
                sum += e * e;
                count++;
            }
        }
        return sum / count;
    }
}

package org.industry4.anomaly.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.core.FeatureSchema;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link AutoencoderModel} on rows of normal operation (DeepLearning4J, CPU).
 *
 * <h2>Training</h2>
 * <ol>
 *   <li>The rows are split: {@code round(n * validationFraction)} validation rows, drawn at random
 *   with the seed or the last ones ({@link AutoencoderOptions#validationSplit()}), the rest training
 *   rows. At least {@value #MIN_SPLIT_ROWS} of each are required.</li>
 *   <li>The scaler ({@link AutoencoderOptions#scaler()}) is fitted on the training rows only; the
 *   network sees scaled rows and reconstructs them in the scaled space.</li>
 *   <li>Each epoch visits the training rows once in an order drawn from the seed, in minibatches of
 *   {@link AutoencoderOptions#batchSize()}, with DL4J's Adam on the mean squared reconstruction
 *   error. After each epoch the parameters are copied into Java arrays and the validation loss (the
 *   mean score of the validation rows under that copy, exactly as the model will score) is logged
 *   at INFO with the training loss. When it has not fallen below its best for
 *   {@link AutoencoderOptions#patience()} epochs, training stops; the best epoch's copy is kept.</li>
 *   <li>The threshold is {@link AutoencoderOptions#threshold()} applied to the validation rows'
 *   scores under the kept network. The same rows chose the epoch, which biases their errors
 *   slightly low; the effect is small for a loss averaged over many rows, and the tests measure the
 *   false-alarm rate on fresh normal data.</li>
 * </ol>
 *
 * <h2>Determinism</h2>
 * A {@link SplittableRandom} from the seed gives DL4J's weight-initialisation seed (never 0, which
 * DL4J takes as "unseeded"), the split and every shuffle; no other randomness is used (no dropout).
 * The same seed and data give bit-identical models in one process and on one machine (the tests
 * check it, and the golden model came out the same with one and two OpenMP threads). ND4J's native
 * BLAS (OpenBLAS) may pick other kernels or summation orders on another CPU, so bits can differ
 * across machines; the threshold rule and the tests do not depend on those last bits.
 *
 * <h2>DL4J and native memory</h2>
 * Training runs in the calling thread (ND4J parallelises the matrix products itself, with
 * {@code OMP_NUM_THREADS} threads; for these small networks one thread is often faster). The DL4J
 * network lives only inside {@link #fit}: every array the trainer creates is closed and the network
 * is closed before {@code fit} returns or throws; the model it returns is plain Java. With
 * {@code -Dorg.bytedeco.javacpp.nopointergc=true} a training step is about 3.5x faster, but DL4J
 * 1.0.0-M2.1 itself then leaves native memory unfreed on every step (measured: about 100 KB per
 * minibatch, so some 250 MB for the default network on 1,500 rows; running the steps inside an
 * ND4J workspace does not help), which only JavaCPP's pointer garbage collection, the default,
 * reclaims. A long-running service that retrains often should keep the default or train in a
 * separate process.
 */
public final class AutoencoderTrainer {

    /** The fewest training rows and the fewest validation rows a fit accepts. */
    public static final int MIN_SPLIT_ROWS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderTrainer.class);

    private final AutoencoderOptions options;

    /** A trainer with these options. */
    public AutoencoderTrainer(AutoencoderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A trainer with the default {@link AutoencoderOptions}. */
    public AutoencoderTrainer() {
        this(new AutoencoderOptions());
    }

    /** The options this trainer fits with. */
    public AutoencoderOptions options() {
        return options;
    }

    /**
     * Trains an autoencoder on rows of normal operation (not modified).
     *
     * @param rows   one row per observation, each in schema order, all finite
     * @param schema the features; at least 2
     * @throws IllegalArgumentException naming the problem: fewer than 2 features, a latent size not
     *                                  below the feature count, too few rows for the validation
     *                                  split, a row of the wrong size or with a NaN or infinite value
     *                                  (row and feature named), a constant feature in the training rows
     * @throws IllegalStateException    if ND4J's native backend cannot load
     */
    public AutoencoderModel fit(double[][] rows, FeatureSchema schema) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(schema, "schema");
        int p = schema.size();
        if (p < 2) {
            throw new IllegalArgumentException("an autoencoder needs at least 2 features, got " + p);
        }
        int latent = options.latentSizeFor(p);
        if (latent >= p) {
            throw new IllegalArgumentException("latentSize must be less than the feature count " + p + ", got "
                    + latent);
        }
        int n = rows.length;
        int validation = (int) Math.round(n * options.validationFraction());
        int training = n - validation;
        if (validation < MIN_SPLIT_ROWS || training < MIN_SPLIT_ROWS) {
            int needed = Training.minimumExamples(MIN_SPLIT_ROWS, options.validationFraction());
            throw new IllegalArgumentException("training data must have at least " + needed
                    + " rows for validationFraction " + options.validationFraction() + " (at least "
                    + MIN_SPLIT_ROWS + " training and " + MIN_SPLIT_ROWS + " validation rows), got " + n);
        }
        Rows.requireAll(schema, rows);
        Networks.ensureLoaded();

        SplittableRandom random = new SplittableRandom(options.seed());
        long networkSeed = Training.networkSeed(random);
        int[] order = Training.permutation(n, random.split());
        if (options.validationSplit() == AutoencoderOptions.ValidationSplit.LAST) {
            // Training rows keep a random order (it does not matter: epochs reshuffle); the
            // validation rows are the last ones.
            order = lastSplit(n, training, order);
        }
        double[][] trainRaw = new double[training][];
        double[][] validationRaw = new double[validation][];
        for (int i = 0; i < n; i++) {
            if (i < training) {
                trainRaw[i] = rows[order[i]];
            } else {
                validationRaw[i - training] = rows[order[i]];
            }
        }
        Scaler scaler = Training.fitScaler(options.scaler(), trainRaw, schema);
        double[][] train = scaler.transformAll(trainRaw);
        double[][] valid = scaler.transformAll(validationRaw);

        LOG.info("training an autoencoder {} -> {} -> {} on {} rows ({} for validation), {} features",
                options.encoderSizes(), latent, reversed(options.encoderSizes()), n, validation, p);
        MultiLayerNetwork network = Networks.dense(p, options.encoderSizes(), latent, options.activation(),
                options.learningRate(), networkSeed);
        Training.Trained<DenseNetwork> trained;
        try {
            trained = train(network, train, valid, random.split());
        } finally {
            network.close();
        }
        double[] errors = new double[valid.length];
        for (int r = 0; r < valid.length; r++) {
            errors[r] = trained.network().meanSquaredError(valid[r]);
        }
        double threshold = options.threshold().threshold(errors);
        TrainingHistory history = trained.history();
        LOG.info("autoencoder kept epoch {} of {} (validation loss {}), threshold {} ({})", history.bestEpoch(),
                history.epochs().size(), history.bestValidationLoss(), threshold, options.threshold());
        return new AutoencoderModel(schema, scaler, trained.network(), threshold, options, history);
    }

    private Training.Trained<DenseNetwork> train(MultiLayerNetwork network, double[][] train, double[][] valid,
                                                 SplittableRandom shuffle) {
        int batch = options.batchSize();
        double[][] batchRows = new double[Math.min(batch, train.length)][];
        return Training.earlyStopping("autoencoder", options.maxEpochs(), options.patience(), options.learningRate(),
                train.length, valid.length, shuffle, new Training.Epochs<>() {
                    @Override
                    public double train(int[] order) {
                        double lossSum = 0;
                        for (int from = 0; from < train.length; from += batch) {
                            int to = Math.min(train.length, from + batch);
                            for (int i = from; i < to; i++) {
                                batchRows[i - from] = train[order[i]];
                            }
                            try (INDArray x = Networks.matrix(batchRows, 0, to - from)) {
                                network.fit(x, x);
                            }
                            lossSum += network.score() * (to - from);
                        }
                        return lossSum / train.length;
                    }

                    @Override
                    public DenseNetwork copy() {
                        // Validation runs the Java forward pass that will score, on a copy of this epoch's parameters.
                        return DenseNetwork.copyOf(network, options.activation());
                    }

                    @Override
                    public double validationLoss(DenseNetwork current) {
                        double loss = 0;
                        for (double[] z : valid) {
                            loss += current.meanSquaredError(z);
                        }
                        return loss / valid.length;
                    }
                }, LOG);
    }

    private static List<Integer> reversed(List<Integer> sizes) {
        List<Integer> out = new ArrayList<>(sizes);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The first {@code training} indices in shuffled order, then {@code training .. n-1} in order. */
    private static int[] lastSplit(int n, int training, int[] shuffled) {
        int[] order = new int[n];
        int k = 0;
        for (int i : shuffled) {
            if (i < training) {
                order[k++] = i;
            }
        }
        for (int i = training; i < n; i++) {
            order[k++] = i;
        }
        return order;
    }
}

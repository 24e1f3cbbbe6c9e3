package org.industry4.anomaly.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.industry4.anomaly.scale.RobustScaler;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.anomaly.scale.StandardScaler;
import org.industry4.core.FeatureSchema;
import org.slf4j.Logger;

/**
 * What {@link AutoencoderTrainer} and {@link ConvAutoencoderTrainer} share: the checks of the
 * training options, the minimum split size, the scaler fit, DL4J's seed, the shuffles, and the
 * early-stopping loop over epochs.
 */
final class Training {

    private Training() {
    }

    /** One network's training, epoch by epoch, as the early-stopping loop drives it. */
    interface Epochs<N> {
        /** Trains one epoch over the training examples in {@code order}; returns the mean training loss. */
        double train(int[] order);

        /** A plain-Java copy of the network's current parameters. */
        N copy();

        /** The mean validation loss of {@code network}. */
        double validationLoss(N network);
    }

    /** The kept network, copied out of DL4J, and how training went. */
    record Trained<N>(N network, TrainingHistory history) {
    }

    /** Checks the training options both autoencoders' options have, naming the first that is invalid. */
    static void requireOptions(double learningRate, int batchSize, int maxEpochs, double validationFraction,
                               int patience) {
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (maxEpochs <= 0) {
            throw new IllegalArgumentException("maxEpochs must be > 0, got " + maxEpochs);
        }
        if (!(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.5], got " + validationFraction);
        }
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be > 0, got " + patience);
        }
    }

    /**
     * The fewest examples (rows or windows) that give at least {@code min} training and {@code min}
     * validation examples with {@code validationFraction}.
     */
    static int minimumExamples(int min, double validationFraction) {
        int needed = (int) Math.ceil((min - 0.5) / validationFraction);
        return Math.max(needed, 2 * min);
    }

    /** The scaler of {@code kind} fitted on {@code rows}. */
    static Scaler fitScaler(AutoencoderOptions.ScalerKind kind, double[][] rows, FeatureSchema schema) {
        return kind == AutoencoderOptions.ScalerKind.ROBUST
                ? RobustScaler.fit(rows, schema) : StandardScaler.fit(rows, schema);
    }

    /** DL4J's seed, the next long of {@code random}; DL4J takes 0 as "none", so never 0. */
    static long networkSeed(SplittableRandom random) {
        long seed = random.nextLong();
        return seed == 0 ? 1 : seed;
    }

    /**
     * Trains for up to {@code maxEpochs} epochs over {@code training} examples, each epoch in a
     * new random order from {@code shuffle}, and keeps the copy of the epoch with the lowest
     * validation loss; stops after {@code patience} epochs without improvement.
     *
     * @param what names the model in the log and in the divergence message
     * @throws IllegalStateException if a loss is not finite (training diverged)
     */
    static <N> Trained<N> earlyStopping(String what, int maxEpochs, int patience, double learningRate, int training,
                                        int validation, SplittableRandom shuffle, Epochs<N> epochs, Logger log) {
        List<TrainingHistory.EpochLoss> losses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        N bestNetwork = null;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            double trainLoss = epochs.train(permutation(training, shuffle));
            N current = epochs.copy();
            double validationLoss = epochs.validationLoss(current);
            if (!Double.isFinite(trainLoss) || !Double.isFinite(validationLoss)) {
                throw new IllegalStateException(what + " training diverged at epoch " + epoch
                        + " (training loss " + trainLoss + ", validation loss " + validationLoss
                        + "); lower the learningRate (" + learningRate + ")");
            }
            losses.add(new TrainingHistory.EpochLoss(epoch, trainLoss, validationLoss));
            if (validationLoss < best) {
                best = validationLoss;
                bestEpoch = epoch;
                bestNetwork = current;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            log.info("epoch {}/{}: training loss {}, validation loss {} (best {} at epoch {})", epoch,
                    maxEpochs, String.format("%.6f", trainLoss), String.format("%.6f", validationLoss),
                    String.format("%.6f", best), bestEpoch);
            if (sinceBest >= patience && epoch < maxEpochs) {
                stoppedEarly = true;
                break;
            }
        }
        return new Trained<>(bestNetwork, new TrainingHistory(losses, bestEpoch, stoppedEarly, training, validation));
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
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

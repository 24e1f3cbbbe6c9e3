package org.industry4.anomaly.autoencoder;

import java.util.List;
import java.util.Objects;

/**
 * What happened while an autoencoder trained: the loss of every epoch, which epoch's network was
 * kept, and whether early stopping ended the training.
 *
 * @param epochs         one entry per epoch run, in order, numbered from 1
 * @param bestEpoch      the epoch with the lowest validation loss, whose network the model holds
 * @param stoppedEarly   whether training stopped before the maximum number of epochs because the
 *                       validation loss had not improved for {@code patience} epochs
 * @param trainingRows   rows the network trained on
 * @param validationRows rows held out for early stopping and the threshold
 */
public record TrainingHistory(List<EpochLoss> epochs, int bestEpoch, boolean stoppedEarly, int trainingRows,
                              int validationRows) {

    /**
     * The losses of one epoch, both mean squared reconstruction errors in the scaled space (the
     * model's score, averaged over rows).
     *
     * @param epoch          the epoch, from 1
     * @param trainLoss      the mean of the minibatch losses during the epoch (each computed before
     *                       its gradient step, weighted by batch size)
     * @param validationLoss the mean score of the validation rows after the epoch
     */
    public record EpochLoss(int epoch, double trainLoss, double validationLoss) {
    }

    public TrainingHistory {
        Objects.requireNonNull(epochs, "epochs");
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a training history needs at least 1 epoch, got 0");
        }
        if (bestEpoch < 1 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("bestEpoch must be in [1, " + epochs.size() + "], got " + bestEpoch);
        }
        if (trainingRows < 1 || validationRows < 1) {
            throw new IllegalArgumentException("trainingRows and validationRows must be > 0, got " + trainingRows
                    + " and " + validationRows);
        }
    }

    /** The validation loss of the kept network. */
    public double bestValidationLoss() {
        return epochs.get(bestEpoch - 1).validationLoss();
    }
}

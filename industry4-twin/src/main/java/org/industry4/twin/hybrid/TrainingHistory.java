package org.industry4.twin.hybrid;

import java.util.List;
import java.util.Objects;

/**
 * What happened while a hybrid model trained: the losses of every epoch, which epoch's weights
 * and parameters were kept, and why training stopped.
 *
 * @param epochs         one entry per epoch run, in order, numbered from 1
 * @param bestEpoch      the epoch with the lowest validation loss, whose state the model holds
 * @param stopReason     why the last stage of training ended
 * @param physicsEpochs  how many of the first epochs fitted the physics alone (stage 1, see
 *                       {@link HybridTrainer}); 0 when there was no such stage
 * @param trainingRows   rows the model trained on
 * @param validationRows rows held out for early stopping
 */
public record TrainingHistory(List<EpochLoss> epochs, int bestEpoch, StopReason stopReason, int physicsEpochs,
                              int trainingRows, int validationRows) {

    /** Why training ended. */
    public enum StopReason {
        /** {@link HybridOptions#maxEpochs()} epochs ran. */
        MAX_EPOCHS,
        /** The validation loss did not improve for {@link HybridOptions#patience()} epochs. */
        EARLY_STOPPING
    }

    /**
     * The losses after one epoch, both the full training objective (data error + correction
     * penalty + physics penalties, see {@link HybridTrainer}) evaluated in plain Java with the
     * epoch's final weights, exactly as the model predicts.
     *
     * @param epoch          the epoch, from 1
     * @param trainLoss      the objective on the training rows
     * @param validationLoss the objective on the validation rows
     */
    public record EpochLoss(int epoch, double trainLoss, double validationLoss) {
    }

    public TrainingHistory {
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(stopReason, "stopReason");
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a training history needs at least 1 epoch, got 0");
        }
        if (bestEpoch < 1 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("bestEpoch must be in [1, " + epochs.size() + "], got " + bestEpoch);
        }
        if (physicsEpochs < 0 || physicsEpochs >= epochs.size()) {
            throw new IllegalArgumentException("physicsEpochs must be in [0, " + (epochs.size() - 1) + "], got "
                    + physicsEpochs);
        }
        if (bestEpoch <= physicsEpochs) {
            throw new IllegalArgumentException("bestEpoch " + bestEpoch + " must be after the " + physicsEpochs
                    + " physics epochs");
        }
        if (trainingRows < 1 || validationRows < 1) {
            throw new IllegalArgumentException("trainingRows and validationRows must be > 0, got " + trainingRows
                    + " and " + validationRows);
        }
    }

    /** The validation loss of the kept state. */
    public double bestValidationLoss() {
        return epochs.get(bestEpoch - 1).validationLoss();
    }
}

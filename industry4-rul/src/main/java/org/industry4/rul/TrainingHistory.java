package org.industry4.rul;

import java.util.List;
import java.util.Objects;

/**
 * How a RUL network trained: the losses of every epoch, the epoch whose network the model holds,
 * and why training stopped.
 *
 * @param epochs            one entry per epoch run, in order, numbered from 1
 * @param bestEpoch         the epoch with the lowest validation RMSE, whose network the model holds
 * @param stop              why training ended
 * @param trainingWindows   windows trained on
 * @param validationWindows windows of the validation engines
 * @param seconds           wall-clock training time, network only (not preprocessing or calibration)
 */
public record TrainingHistory(List<EpochLoss> epochs, int bestEpoch, Stop stop, int trainingWindows,
                             int validationWindows, double seconds) {

    /** Why training ended. */
    public enum Stop {
        /** All {@link RulOptions#maxEpochs()} ran. */
        MAX_EPOCHS,
        /** The validation RMSE did not improve for {@link RulOptions#patience()} epochs. */
        PATIENCE,
        /** {@link RulOptions#maxTrainingTime()} was used up. */
        TIME_BUDGET
    }

    /**
     * One epoch, both RMSEs in cycles against the capped target.
     *
     * @param epoch          from 1
     * @param trainRmse      root of the mean minibatch loss during the epoch (dropout on)
     * @param validationRmse over every window of the validation engines after the epoch
     */
    public record EpochLoss(int epoch, double trainRmse, double validationRmse) {
    }

    public TrainingHistory {
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(stop, "stop");
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a training history needs at least 1 epoch, got 0");
        }
        if (bestEpoch < 1 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("bestEpoch must be in [1, " + epochs.size() + "], got " + bestEpoch);
        }
        if (trainingWindows < 1 || validationWindows < 1) {
            throw new IllegalArgumentException("trainingWindows and validationWindows must be > 0, got "
                    + trainingWindows + " and " + validationWindows);
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
    }

    /** The validation RMSE of the kept network. */
    public double bestValidationRmse() {
        return epochs.get(bestEpoch - 1).validationRmse();
    }
}

package org.industry4.anomaly.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.industry4.anomaly.scale.RobustScaler;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.anomaly.scale.ScalerFile;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelFormatException;

/**
 * The parts of the payload layout that {@link AutoencoderFile} and {@link ConvAutoencoderFile}
 * share: the embedded scaler, the threshold rule, the training history and enum names. Each
 * method writes or reads exactly the bytes the two file classes document.
 */
final class AutoencoderPayload {

    static final String PERCENTILE = "percentile";
    static final String FALSE_ALARM_RATE = "false-alarm-rate";

    private AutoencoderPayload() {
    }

    /** Reads the embedded scaler over {@code schema}, naming {@code source} in errors. */
    static Scaler readScaler(DataInputStream in, FeatureSchema schema, String source) throws IOException {
        try {
            return ScalerFile.readPayload(in, schema);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    /** Checks that the options' scaler kind is the kind of scaler the payload holds. */
    static void requireScalerKind(AutoencoderOptions.ScalerKind kind, Scaler scaler, String source)
            throws ModelFormatException {
        if ((kind == AutoencoderOptions.ScalerKind.ROBUST) != (scaler instanceof RobustScaler)) {
            throw new ModelFormatException(source + " has options with scaler " + kind
                    + " but holds a " + scaler.getClass().getSimpleName());
        }
    }

    /** Writes UTF rule name, then double value. */
    static void writeThreshold(ThresholdRule rule, DataOutputStream out) throws IOException {
        out.writeUTF(rule instanceof ThresholdRule.Percentile ? PERCENTILE : FALSE_ALARM_RATE);
        out.writeDouble(rule.value());
    }

    static ThresholdRule readThreshold(DataInputStream in, String source) throws IOException {
        String rule = in.readUTF();
        double value = in.readDouble();
        return switch (rule) {
            case PERCENTILE -> ThresholdRule.percentile(value);
            case FALSE_ALARM_RATE -> ThresholdRule.falseAlarmRate(value);
            default -> throw new ModelFormatException(source + " has an unknown threshold rule \"" + rule + "\"");
        };
    }

    /**
     * Writes int trainingRows, int validationRows, int epochs, then epochs x (double trainLoss,
     * double validationLoss), int bestEpoch, boolean stoppedEarly.
     */
    static void writeHistory(TrainingHistory history, DataOutputStream out) throws IOException {
        out.writeInt(history.trainingRows());
        out.writeInt(history.validationRows());
        out.writeInt(history.epochs().size());
        for (TrainingHistory.EpochLoss epoch : history.epochs()) {
            out.writeDouble(epoch.trainLoss());
            out.writeDouble(epoch.validationLoss());
        }
        out.writeInt(history.bestEpoch());
        out.writeBoolean(history.stoppedEarly());
    }

    static TrainingHistory readHistory(DataInputStream in, String source) throws IOException {
        int trainingRows = in.readInt();
        int validationRows = in.readInt();
        int epochs = in.readInt();
        if (epochs <= 0 || (long) epochs * 2 * Double.BYTES > in.available()) {
            throw new ModelFormatException(source + " has an invalid epoch count " + epochs);
        }
        List<TrainingHistory.EpochLoss> losses = new ArrayList<>(epochs);
        for (int i = 1; i <= epochs; i++) {
            losses.add(new TrainingHistory.EpochLoss(i, in.readDouble(), in.readDouble()));
        }
        int bestEpoch = in.readInt();
        boolean stoppedEarly = in.readBoolean();
        return new TrainingHistory(losses, bestEpoch, stoppedEarly, trainingRows, validationRows);
    }
}

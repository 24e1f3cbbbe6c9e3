package org.industry4.anomaly.autoencoder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.anomaly.scale.RobustScaler;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.anomaly.scale.ScalerFile;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;

/**
 * Saves and loads a {@link ConvAutoencoderModel} in a {@link ModelEnvelope} of type
 * {@value #MODEL_TYPE} whose schema is the window schema. The threshold is stored, and the weights
 * as doubles, so a loaded model gives bit-identical scores; reading needs no native library.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int      p, then p x UTF              sensor names (the envelope's schema is SlidingWindows.schema(sensors, window))
 * ...      scaler                       {@link ScalerFile#writePayload} layout, over the sensors
 * double   threshold
 * int      window
 * int      e, then e x (int filters, int kernel, int stride)   encoder
 * double   dropout, learningRate
 * int      batchSize, maxEpochs, patience
 * double   validationFraction
 * UTF      threshold rule               "percentile" or "false-alarm-rate"
 * double   its value
 * double   thresholdFactor
 * UTF      thresholdData                a {@link ConvAutoencoderOptions.ThresholdData} name
 * UTF      scaler kind                  an {@link AutoencoderOptions.ScalerKind} name
 * long     seed
 * int      trainingWindows, validationWindows
 * int      epochs, then epochs x (double trainLoss, double validationLoss)
 * int      bestEpoch
 * boolean  stoppedEarly
 * int      L                            network layers (2 e + 1)
 * L x      UTF kind ("CONV" or "DECONV"), int in, int out, int kernel, int stride, boolean relu,
 *          in x out x kernel double weights W[o][c][j] at (o * in + c) * kernel + j, out double biases
 * </pre>
 */
public final class ConvAutoencoderFile implements ModelFile<ConvAutoencoderModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "conv-autoencoder";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    /** A stateless file format; one instance may be shared. */
    public ConvAutoencoderFile() {
    }

    /** Writes {@code model} to {@code file} atomically. */
    @Override
    public void write(ConvAutoencoderModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        toEnvelope(model).write(file);
    }

    /**
     * Reads a model.
     *
     * @throws ModelFormatException if the file holds no conv autoencoder, a newer payload version,
     *                              or a damaged or inconsistent payload
     */
    @Override
    public ConvAutoencoderModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope {@link #write} saves. */
    public static ModelEnvelope toEnvelope(ConvAutoencoderModel model) {
        Objects.requireNonNull(model, "model");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(model.sensors().size());
            for (String name : model.sensors().names()) {
                out.writeUTF(name);
            }
            ScalerFile.writePayload(model.scaler(), out);
            out.writeDouble(model.threshold());
            ConvAutoencoderOptions o = model.options();
            out.writeInt(o.window());
            out.writeInt(o.encoder().size());
            for (ConvAutoencoderOptions.ConvLayer layer : o.encoder()) {
                out.writeInt(layer.filters());
                out.writeInt(layer.kernel());
                out.writeInt(layer.stride());
            }
            out.writeDouble(o.dropout());
            out.writeDouble(o.learningRate());
            out.writeInt(o.batchSize());
            out.writeInt(o.maxEpochs());
            out.writeInt(o.patience());
            out.writeDouble(o.validationFraction());
            out.writeUTF(o.threshold() instanceof ThresholdRule.Percentile ? AutoencoderFile.PERCENTILE
                    : AutoencoderFile.FALSE_ALARM_RATE);
            out.writeDouble(o.threshold().value());
            out.writeDouble(o.thresholdFactor());
            out.writeUTF(o.thresholdData().name());
            out.writeUTF(o.scaler().name());
            out.writeLong(o.seed());
            TrainingHistory history = model.history();
            out.writeInt(history.trainingRows());
            out.writeInt(history.validationRows());
            out.writeInt(history.epochs().size());
            for (TrainingHistory.EpochLoss epoch : history.epochs()) {
                out.writeDouble(epoch.trainLoss());
                out.writeDouble(epoch.validationLoss());
            }
            out.writeInt(history.bestEpoch());
            out.writeBoolean(history.stoppedEarly());
            model.network().write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), bytes.toByteArray());
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the envelope holds another model type, a newer payload
     *                              version, or a payload that is truncated, has trailing bytes or
     *                              describes an invalid or inconsistent model
     */
    public static ConvAutoencoderModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(envelope.payload()))) {
            int p = in.readInt();
            if (p <= 0 || p > envelope.schema().size()) {
                throw new ModelFormatException(source + " has an invalid sensor count " + p);
            }
            List<String> names = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                names.add(in.readUTF());
            }
            FeatureSchema sensors;
            try {
                sensors = new FeatureSchema(names);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has invalid sensor names: " + e.getMessage(), e);
            }
            Scaler scaler;
            try {
                scaler = ScalerFile.readPayload(in, sensors);
            } catch (ModelFormatException e) {
                throw new ModelFormatException(source + ": " + e.getMessage(), e);
            }
            double threshold = in.readDouble();
            ConvAutoencoderOptions options = readOptions(in, source);
            if ((options.scaler() == AutoencoderOptions.ScalerKind.ROBUST) != (scaler instanceof RobustScaler)) {
                throw new ModelFormatException(source + " has options with scaler " + options.scaler()
                        + " but holds a " + scaler.getClass().getSimpleName());
            }
            if (!SlidingWindows.schema(sensors, options.window()).equals(envelope.schema())) {
                throw new ModelFormatException(source + " has a schema of " + envelope.schema().size()
                        + " features that is not the window schema of " + p + " sensors x " + options.window());
            }
            int trainingWindows = in.readInt();
            int validationWindows = in.readInt();
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
            TrainingHistory history = new TrainingHistory(losses, bestEpoch, stoppedEarly, trainingWindows,
                    validationWindows);
            ConvNetwork network = ConvNetwork.read(in, source);
            if (in.available() > 0) {
                throw new ModelFormatException(source + " has " + in.available()
                        + " unexpected bytes after the conv autoencoder payload");
            }
            return new ConvAutoencoderModel(sensors, scaler, network, threshold, options, history);
        } catch (EOFException e) {
            throw new ModelFormatException(source + " has a truncated conv autoencoder payload", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " holds an invalid conv autoencoder: " + e.getMessage(), e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source + " has an unreadable conv autoencoder payload: "
                    + e.getMessage(), e);
        }
    }

    private static ConvAutoencoderOptions readOptions(DataInputStream in, String source) throws IOException {
        int window = in.readInt();
        int count = in.readInt();
        if (count <= 0 || count > 32) {
            throw new ModelFormatException(source + " has an invalid encoder layer count " + count);
        }
        List<ConvAutoencoderOptions.ConvLayer> encoder = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            encoder.add(new ConvAutoencoderOptions.ConvLayer(in.readInt(), in.readInt(), in.readInt()));
        }
        double dropout = in.readDouble();
        double learningRate = in.readDouble();
        int batchSize = in.readInt();
        int maxEpochs = in.readInt();
        int patience = in.readInt();
        double validationFraction = in.readDouble();
        String rule = in.readUTF();
        double ruleValue = in.readDouble();
        ThresholdRule threshold = switch (rule) {
            case AutoencoderFile.PERCENTILE -> ThresholdRule.percentile(ruleValue);
            case AutoencoderFile.FALSE_ALARM_RATE -> ThresholdRule.falseAlarmRate(ruleValue);
            default -> throw new ModelFormatException(source + " has an unknown threshold rule \"" + rule + "\"");
        };
        double factor = in.readDouble();
        ConvAutoencoderOptions.ThresholdData data = enumValue(ConvAutoencoderOptions.ThresholdData.class,
                in.readUTF(), source);
        AutoencoderOptions.ScalerKind scaler = enumValue(AutoencoderOptions.ScalerKind.class, in.readUTF(), source);
        long seed = in.readLong();
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, factor, data, scaler, seed);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String source)
            throws ModelFormatException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " has an unknown " + type.getSimpleName() + " \"" + name + "\"", e);
        }
    }
}

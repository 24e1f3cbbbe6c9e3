package org.industry4.anomaly.autoencoder;

import static org.industry4.core.ModelPayload.enumValue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.anomaly.scale.Scaler;
import org.industry4.anomaly.scale.ScalerFile;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

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
        byte[] payload = ModelPayload.write(out -> {
            out.writeInt(model.sensors().size());
            for (String name : model.sensors().names()) {
                out.writeUTF(name);
            }
            ScalerFile.writePayload(model.scaler(), out);
            out.writeDouble(model.threshold());
            writeOptions(model.options(), out);
            AutoencoderPayload.writeHistory(model.history(), out);
            model.network().write(out);
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), payload);
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
        return ModelPayload.read(envelope, source, in -> {
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
            Scaler scaler = AutoencoderPayload.readScaler(in, sensors, source);
            double threshold = in.readDouble();
            ConvAutoencoderOptions options = readOptions(in, source);
            AutoencoderPayload.requireScalerKind(options.scaler(), scaler, source);
            if (!SlidingWindows.schema(sensors, options.window()).equals(envelope.schema())) {
                throw new ModelFormatException(source + " has a schema of " + envelope.schema().size()
                        + " features that is not the window schema of " + p + " sensors x " + options.window());
            }
            TrainingHistory history = AutoencoderPayload.readHistory(in, source);
            ConvNetwork network = ConvNetwork.read(in, source);
            return new ConvAutoencoderModel(sensors, scaler, network, threshold, options, history);
        });
    }

    private static void writeOptions(ConvAutoencoderOptions o, DataOutputStream out) throws IOException {
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
        AutoencoderPayload.writeThreshold(o.threshold(), out);
        out.writeDouble(o.thresholdFactor());
        out.writeUTF(o.thresholdData().name());
        out.writeUTF(o.scaler().name());
        out.writeLong(o.seed());
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
        ThresholdRule threshold = AutoencoderPayload.readThreshold(in, source);
        double factor = in.readDouble();
        ConvAutoencoderOptions.ThresholdData data = enumValue(ConvAutoencoderOptions.ThresholdData.class,
                in.readUTF(), source);
        AutoencoderOptions.ScalerKind scaler = enumValue(AutoencoderOptions.ScalerKind.class, in.readUTF(), source);
        long seed = in.readLong();
        return new ConvAutoencoderOptions(window, encoder, dropout, learningRate, batchSize, maxEpochs, patience,
                validationFraction, threshold, factor, data, scaler, seed);
    }
}

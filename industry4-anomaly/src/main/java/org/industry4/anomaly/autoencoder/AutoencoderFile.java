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
 * Saves and loads an {@link AutoencoderModel} in a {@link ModelEnvelope} of type
 * {@value #MODEL_TYPE}. The threshold is stored, not recomputed, and the weights are stored as
 * doubles, so a loaded model gives bit-identical scores. Reading needs no native library.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int      p                            feature count (equals the envelope's schema size)
 * ...      scaler                       {@link ScalerFile#writePayload} layout
 * double   threshold
 * int      e, then e x int              encoder sizes, outermost first
 * int      latentSize                   as in the options (0: ceil(p / 4))
 * UTF      activation                   an {@link AutoencoderOptions.Activation} name
 * double   learningRate
 * int      batchSize, maxEpochs
 * double   validationFraction
 * UTF      validationSplit              a {@link AutoencoderOptions.ValidationSplit} name
 * int      patience
 * UTF      threshold rule               "percentile" or "false-alarm-rate"
 * double   its value
 * UTF      scaler kind                  a {@link AutoencoderOptions.ScalerKind} name
 * long     seed
 * int      trainingRows, validationRows
 * int      epochs, then epochs x (double trainLoss, double validationLoss)
 * int      bestEpoch
 * boolean  stoppedEarly
 * int      L                            network layers (2 e + 2)
 * L x      int in, int out               layer widths
 *          UTF activation                "IDENTITY" for the output layer, else the options' activation
 *          in x out double               weights, row-major (input i, output o at i * out + o)
 *          out double                    biases
 * </pre>
 * The network is stored as its weights in this library's own layout rather than as DL4J's
 * {@code ModelSerializer} zip: the bytes are the same for the same model (the zip stamps times),
 * a file does not depend on DL4J's configuration JSON staying readable across DL4J versions, no
 * updater state is kept (a model scores; it does not resume training), and loading allocates no
 * native memory, so a failed load leaves nothing to free.
 */
public final class AutoencoderFile implements ModelFile<AutoencoderModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "autoencoder";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    /** A stateless file format; one instance may be shared. */
    public AutoencoderFile() {
    }

    /** Writes {@code model} to {@code file} atomically. */
    @Override
    public void write(AutoencoderModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        toEnvelope(model).write(file);
    }

    /**
     * Reads a model.
     *
     * @throws ModelFormatException if the file holds no autoencoder, a newer payload version, or a
     *                              damaged or inconsistent payload
     */
    @Override
    public AutoencoderModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope {@link #write} saves. */
    public static ModelEnvelope toEnvelope(AutoencoderModel model) {
        Objects.requireNonNull(model, "model");
        byte[] payload = ModelPayload.write(out -> {
            out.writeInt(model.schema().size());
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
    public static AutoencoderModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        FeatureSchema schema = envelope.schema();
        return ModelPayload.read(envelope, source, in -> {
            int p = in.readInt();
            if (p != schema.size()) {
                throw new ModelFormatException(source + " has an autoencoder payload of " + p
                        + " features but a schema of " + schema.size());
            }
            Scaler scaler = AutoencoderPayload.readScaler(in, schema, source);
            double threshold = in.readDouble();
            AutoencoderOptions options = readOptions(in, source);
            AutoencoderPayload.requireScalerKind(options.scaler(), scaler, source);
            TrainingHistory history = AutoencoderPayload.readHistory(in, source);
            DenseNetwork network = DenseNetwork.read(in, source);
            return new AutoencoderModel(schema, scaler, network, threshold, options, history);
        });
    }

    private static void writeOptions(AutoencoderOptions o, DataOutputStream out) throws IOException {
        out.writeInt(o.encoderSizes().size());
        for (int size : o.encoderSizes()) {
            out.writeInt(size);
        }
        out.writeInt(o.latentSize());
        out.writeUTF(o.activation().name());
        out.writeDouble(o.learningRate());
        out.writeInt(o.batchSize());
        out.writeInt(o.maxEpochs());
        out.writeDouble(o.validationFraction());
        out.writeUTF(o.validationSplit().name());
        out.writeInt(o.patience());
        AutoencoderPayload.writeThreshold(o.threshold(), out);
        out.writeUTF(o.scaler().name());
        out.writeLong(o.seed());
    }

    private static AutoencoderOptions readOptions(DataInputStream in, String source) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 64) {
            throw new ModelFormatException(source + " has an invalid encoder layer count " + count);
        }
        List<Integer> encoder = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            encoder.add(in.readInt());
        }
        int latent = in.readInt();
        AutoencoderOptions.Activation activation = enumValue(AutoencoderOptions.Activation.class, in.readUTF(),
                source);
        double learningRate = in.readDouble();
        int batchSize = in.readInt();
        int maxEpochs = in.readInt();
        double validationFraction = in.readDouble();
        AutoencoderOptions.ValidationSplit split = enumValue(AutoencoderOptions.ValidationSplit.class, in.readUTF(),
                source);
        int patience = in.readInt();
        ThresholdRule threshold = AutoencoderPayload.readThreshold(in, source);
        AutoencoderOptions.ScalerKind scaler = enumValue(AutoencoderOptions.ScalerKind.class, in.readUTF(), source);
        long seed = in.readLong();
        return new AutoencoderOptions(encoder, latent, activation, learningRate, batchSize, maxEpochs,
                validationFraction, split, patience, threshold, scaler, seed);
    }
}

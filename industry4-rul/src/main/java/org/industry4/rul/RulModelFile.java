package org.industry4.rul;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;
import org.industry4.rul.data.Preprocessor;

/**
 * Saves and loads a {@link RulModel} in a {@link ModelEnvelope} of type {@value #MODEL_TYPE}
 * (schema: the model's {@linkplain RulModel#inputSchema() input columns}). Payload version 1:
 * <pre>
 * UTF      architecture                  "LSTM" or "CNN"
 * int      window
 * int      n, then n x int               layer sizes
 * int      kernel, int dense
 * double   dropout, double learningRate
 * int      batchSize, int maxEpochs, int patience
 * long     maxTrainingTime, milliseconds
 * double   cap, validationFraction, calibrationFraction, coverage
 * int      calibrationCuts
 * long     seed
 * ...      preprocessing                 {@link Preprocessor#writePayload} (holds its options)
 * ...      network                       the LSTM or CNN weights (see LstmNetwork / CnnNetwork)
 * double   halfWidth, int calibrationPoints
 * int      epochs, then epochs x (double trainRmse, double validationRmse)
 * int      bestEpoch, UTF stop, int trainingWindows, int validationWindows, double seconds
 * </pre>
 * Writes are atomic; a damaged, truncated or foreign file is a {@link ModelFormatException} and
 * leaves nothing behind.
 */
public final class RulModelFile implements ModelFile<RulModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "rul";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    @Override
    public void write(RulModel model, Path file) throws IOException {
        toEnvelope(model).write(file);
    }

    @Override
    public RulModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope holding {@code model}. */
    public static ModelEnvelope toEnvelope(RulModel model) {
        Objects.requireNonNull(model, "model");
        byte[] payload = ModelPayload.write(out -> {
            writeOptions(model.options(), out);
            model.preprocessor().writePayload(out);
            model.network().write(out);
            out.writeDouble(model.halfWidth());
            out.writeInt(model.calibrationPoints());
            TrainingHistory history = model.history();
            out.writeInt(history.epochs().size());
            for (TrainingHistory.EpochLoss epoch : history.epochs()) {
                out.writeDouble(epoch.trainRmse());
                out.writeDouble(epoch.validationRmse());
            }
            out.writeInt(history.bestEpoch());
            out.writeUTF(history.stop().name());
            out.writeInt(history.trainingWindows());
            out.writeInt(history.validationWindows());
            out.writeDouble(history.seconds());
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.inputSchema(), payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException for another model type, a newer payload version, or a payload
     *                              that is truncated, has trailing bytes or describes an invalid model
     */
    public static RulModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        return ModelPayload.read(envelope, source, in -> {
            RulOptions partial = readOptions(in, source);
            Preprocessor preprocessor = Preprocessor.readPayload(in, source);
            if (!preprocessor.inputSchema().equals(envelope.schema())) {
                throw new ModelFormatException(source + ": the preprocessing reads " + preprocessor.inputSchema().names()
                        + " but the envelope's schema is " + envelope.schema().names());
            }
            RulOptions options = partial.withPreprocess(preprocessor.options());
            RulNetwork network = options.architecture() == RulOptions.Architecture.LSTM
                    ? LstmNetwork.read(in, source) : CnnNetwork.read(in, source);
            double halfWidth = in.readDouble();
            int calibrationPoints = in.readInt();
            int epochs = in.readInt();
            if (epochs <= 0 || (long) epochs * 2 * Double.BYTES > in.available()) {
                throw new ModelFormatException(source + " has an invalid epoch count " + epochs);
            }
            List<TrainingHistory.EpochLoss> losses = new ArrayList<>(epochs);
            for (int i = 1; i <= epochs; i++) {
                losses.add(new TrainingHistory.EpochLoss(i, in.readDouble(), in.readDouble()));
            }
            int bestEpoch = in.readInt();
            TrainingHistory.Stop stop = ModelPayload.enumValue(TrainingHistory.Stop.class, in.readUTF(), source);
            TrainingHistory history = new TrainingHistory(losses, bestEpoch, stop, in.readInt(), in.readInt(),
                    in.readDouble());
            return new RulModel(preprocessor, network, options, halfWidth, calibrationPoints, history);
        });
    }

    private static void writeOptions(RulOptions o, DataOutputStream out) throws IOException {
        out.writeUTF(o.architecture().name());
        out.writeInt(o.window());
        out.writeInt(o.layers().size());
        for (int size : o.layers()) {
            out.writeInt(size);
        }
        out.writeInt(o.kernel());
        out.writeInt(o.dense());
        out.writeDouble(o.dropout());
        out.writeDouble(o.learningRate());
        out.writeInt(o.batchSize());
        out.writeInt(o.maxEpochs());
        out.writeInt(o.patience());
        out.writeLong(o.maxTrainingTime().toMillis());
        out.writeDouble(o.cap());
        out.writeDouble(o.validationFraction());
        out.writeDouble(o.calibrationFraction());
        out.writeDouble(o.coverage());
        out.writeInt(o.calibrationCuts());
        out.writeLong(o.seed());
    }

    /** The options, with the default preprocessing options (the caller puts in the saved ones). */
    private static RulOptions readOptions(DataInputStream in, String source) throws IOException {
        RulOptions.Architecture architecture = ModelPayload.enumValue(RulOptions.Architecture.class, in.readUTF(), source);
        int window = in.readInt();
        int count = in.readInt();
        if (count <= 0 || count > 64) {
            throw new ModelFormatException(source + " has an invalid layer count " + count);
        }
        List<Integer> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            layers.add(in.readInt());
        }
        int kernel = in.readInt();
        int dense = in.readInt();
        double dropout = in.readDouble();
        double learningRate = in.readDouble();
        int batchSize = in.readInt();
        int maxEpochs = in.readInt();
        int patience = in.readInt();
        Duration maxTrainingTime = Duration.ofMillis(in.readLong());
        double cap = in.readDouble();
        double validationFraction = in.readDouble();
        double calibrationFraction = in.readDouble();
        double coverage = in.readDouble();
        int calibrationCuts = in.readInt();
        long seed = in.readLong();
        return new RulOptions(architecture, window, layers, kernel, dense, dropout, learningRate, batchSize,
                maxEpochs, patience, maxTrainingTime, cap, validationFraction, calibrationFraction, coverage,
                calibrationCuts, new org.industry4.rul.data.PreprocessOptions(), seed);
    }
}

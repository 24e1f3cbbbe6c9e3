package org.industry4.twin.hybrid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

/**
 * Saves and loads a {@link HybridModel} in a {@link ModelEnvelope} of type {@value #MODEL_TYPE},
 * whose schema is the model's input names. Everything is stored as doubles, so a loaded model
 * predicts bit-identically; reading needs no native library. Writes are atomic.
 *
 * <h2>Payload version 3 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * UTF      outputName
 * expr     physics                      an expression, prefix order: UTF op name, then for INPUT/PARAM
 *                                       a UTF name, for CONSTANT a double, else its 1 or 2 operands
 * int      P, then P x (UTF name, double initial, double lower, double upper)      parameters
 * int      K, then K x UTF              correction inputs
 * int      Q, then Q x penalty          UTF name, UTF kind (EQUALITY/INEQUALITY), double weight,
 *                                       expr residual, int m, m x (inputs) doubles collocation rows
 * expr     correctionFactor             new in version 3
 * int      H, then H x int              options: hidden widths
 * double   learningRate; int maxEpochs; int batchSize; double validationFraction; int patience;
 * double   correctionPenalty; boolean correction; long seed
 * UTF      activation                   the hidden layers' {@link Activation} name (TANH, SOFTPLUS,
 *                                       RELU); new in version 2
 * P x double                            learned parameter values
 * boolean  has network; if so:
 *   int L, then L x int                 layer widths (K, hidden..., 1)
 *   K x (double mean, double std)       input standardisation
 *   double outputScale                  the target's standard deviation
 *   per layer: in x out double weights (row-major), out double biases
 * int      E, then E x (double trainLoss, double validationLoss)
 * int      bestEpoch; UTF stopReason; int physicsEpochs; int trainingRows; int validationRows
 * </pre>
 * Version 2 is the same without the correction factor, version 1 also without the activation
 * field; both are still read, with factor 1 and (version 1) tanh, the only choices then. A model
 * whose correction factor is 1 is written as version 2, so older readers still read it and its
 * bytes do not change; only a model with another factor needs version 3.
 */
public final class HybridModelFile implements ModelFile<HybridModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "hybrid-twin";
    /** The newest payload version this class writes and reads (models with a correction factor). */
    public static final int PAYLOAD_VERSION = 3;
    /** The payload version of a model whose correction factor is 1. */
    static final int PAYLOAD_VERSION_WITHOUT_FACTOR = 2;

    /** A stateless file format; one instance may be shared. */
    public HybridModelFile() {
    }

    /**
     * Writes {@code model} to {@code file} atomically, as payload version 3 if it has a correction
     * factor, else version 2.
     */
    @Override
    public void write(HybridModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        toEnvelope(model).write(file);
    }

    /**
     * Reads a model.
     *
     * @throws ModelFormatException if the file holds no hybrid model, a newer payload version, or a
     *                              damaged, truncated or inconsistent payload
     */
    @Override
    public HybridModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope {@link #write} saves. */
    public static ModelEnvelope toEnvelope(HybridModel model) {
        Objects.requireNonNull(model, "model");
        HybridSpec spec = model.spec();
        byte[] payload = ModelPayload.write(out -> {
            out.writeUTF(spec.outputName());
            spec.physics().write(out);
            out.writeInt(spec.parameters().size());
            for (PhysicalParameter p : spec.parameters()) {
                out.writeUTF(p.name());
                out.writeDouble(p.initial());
                out.writeDouble(p.lower());
                out.writeDouble(p.upper());
            }
            writeNames(spec.correctionInputs(), out);
            out.writeInt(spec.penalties().size());
            for (Penalty penalty : spec.penalties()) {
                out.writeUTF(penalty.name());
                out.writeUTF(penalty.kind().name());
                out.writeDouble(penalty.weight());
                penalty.residual().write(out);
                out.writeInt(penalty.points());
                for (int i = 0; i < penalty.points(); i++) {
                    for (double v : penalty.row(i)) {
                        out.writeDouble(v);
                    }
                }
            }
            if (spec.hasCorrectionFactor()) {
                spec.correctionFactor().write(out);
            }
            HybridOptions o = model.options();
            out.writeInt(o.hidden().size());
            for (int width : o.hidden()) {
                out.writeInt(width);
            }
            out.writeDouble(o.learningRate());
            out.writeInt(o.maxEpochs());
            out.writeInt(o.batchSize());
            out.writeDouble(o.validationFraction());
            out.writeInt(o.patience());
            out.writeDouble(o.correctionPenalty());
            out.writeBoolean(o.correction());
            out.writeLong(o.seed());
            out.writeUTF(o.activation().name());
            for (double v : model.parameterArray()) {
                out.writeDouble(v);
            }
            out.writeBoolean(model.network() != null);
            if (model.network() != null) {
                model.network().write(out);
            }
            TrainingHistory h = model.history();
            out.writeInt(h.epochs().size());
            for (TrainingHistory.EpochLoss e : h.epochs()) {
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.validationLoss());
            }
            out.writeInt(h.bestEpoch());
            out.writeUTF(h.stopReason().name());
            out.writeInt(h.physicsEpochs());
            out.writeInt(h.trainingRows());
            out.writeInt(h.validationRows());
        });
        return new ModelEnvelope(MODEL_TYPE, spec.hasCorrectionFactor() ? PAYLOAD_VERSION : PAYLOAD_VERSION_WITHOUT_FACTOR,
                new FeatureSchema(spec.inputNames()), payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the envelope holds another model type, a newer payload version,
     *                              or a payload that is truncated, has trailing bytes or describes an
     *                              invalid model
     */
    public static HybridModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        List<String> inputs = envelope.schema().names();
        return ModelPayload.read(envelope, source, in -> {
            String outputName = in.readUTF();
            Expr physics = Expr.read(in, source);
            int p = count(in, source, "parameter");
            List<PhysicalParameter> parameters = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                parameters.add(new PhysicalParameter(in.readUTF(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            List<String> correctionInputs = readNames(in, source);
            int q = count(in, source, "penalty");
            List<Penalty> penalties = new ArrayList<>(q);
            for (int k = 0; k < q; k++) {
                String name = in.readUTF();
                String kindName = in.readUTF();
                Penalty.Kind kind;
                try {
                    kind = Penalty.Kind.valueOf(kindName);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(source + " has an unknown penalty kind \"" + kindName + "\"", e);
                }
                double weight = in.readDouble();
                Expr residual = Expr.read(in, source);
                int m = in.readInt();
                if (m <= 0 || (long) m * inputs.size() * Double.BYTES > in.available()) {
                    throw new ModelFormatException(source + " has an invalid collocation point count " + m);
                }
                double[][] rows = new double[m][inputs.size()];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < inputs.size(); j++) {
                        rows[i][j] = in.readDouble();
                    }
                }
                penalties.add(new Penalty(name, residual, kind, weight, rows));
            }
            Expr factor = envelope.payloadVersion() >= 3 ? Expr.read(in, source) : Expr.constant(1);
            HybridSpec spec = new HybridSpec(inputs, outputName, physics, parameters, correctionInputs, penalties,
                    factor);
            int h = count(in, source, "hidden layer");
            List<Integer> hidden = new ArrayList<>(h);
            for (int i = 0; i < h; i++) {
                hidden.add(in.readInt());
            }
            double learningRate = in.readDouble();
            int maxEpochs = in.readInt();
            int batchSize = in.readInt();
            double validationFraction = in.readDouble();
            int patience = in.readInt();
            double correctionPenalty = in.readDouble();
            boolean correction = in.readBoolean();
            long seed = in.readLong();
            Activation activation = Activation.TANH;
            if (envelope.payloadVersion() >= 2) {
                String activationName = in.readUTF();
                try {
                    activation = Activation.valueOf(activationName);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(source + " has an unknown activation \"" + activationName + "\"",
                            e);
                }
            }
            HybridOptions options = new HybridOptions(hidden, learningRate, maxEpochs, batchSize, validationFraction,
                    patience, correctionPenalty, correction, seed, activation);
            double[] values = new double[p];
            for (int i = 0; i < p; i++) {
                values[i] = in.readDouble();
            }
            Mlp network = in.readBoolean() ? Mlp.read(in, source, activation) : null;
            int epochs = in.readInt();
            if (epochs <= 0 || (long) epochs * 2 * Double.BYTES > in.available()) {
                throw new ModelFormatException(source + " has an invalid epoch count " + epochs);
            }
            List<TrainingHistory.EpochLoss> losses = new ArrayList<>(epochs);
            for (int i = 1; i <= epochs; i++) {
                losses.add(new TrainingHistory.EpochLoss(i, in.readDouble(), in.readDouble()));
            }
            int bestEpoch = in.readInt();
            String reasonName = in.readUTF();
            TrainingHistory.StopReason reason;
            try {
                reason = TrainingHistory.StopReason.valueOf(reasonName);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an unknown stop reason \"" + reasonName + "\"", e);
            }
            TrainingHistory history = new TrainingHistory(losses, bestEpoch, reason, in.readInt(), in.readInt(),
                    in.readInt());
            return new HybridModel(spec, options, values, network, history);
        });
    }

    private static int count(DataInputStream in, String source, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000 || n > in.available()) {
            throw new ModelFormatException(source + " has an invalid " + what + " count " + n);
        }
        return n;
    }

    private static void writeNames(List<String> names, DataOutputStream out) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name);
        }
    }

    private static List<String> readNames(DataInputStream in, String source) throws IOException {
        int n = count(in, source, "name");
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
        }
        return names;
    }
}

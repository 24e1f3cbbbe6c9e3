package org.industry4.anomaly.spc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

/**
 * Saves and loads a {@link PcaSpcModel} in a {@link ModelEnvelope} of type {@value #MODEL_TYPE}.
 * The limits are stored, not recomputed, so a loaded model gives bit-identical statistics.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int      p                         feature count (equals the envelope's schema size)
 * int      k                         components kept, 1 &lt;= k &lt; p
 * int      n                         training rows
 * double   confidence
 * boolean  standardised
 * UTF      qLimitMethod              the method used: JACKSON_MUDHOLKAR or BOX
 * double   t2Limit, qLimit
 * double   mean[p], scale[p]
 * double   eigenvalues[p]            all of them, descending
 * double   loadings[p * k]           row-major: feature j, component i at j * k + i
 * </pre>
 */
public final class PcaSpcFile implements ModelFile<PcaSpcModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "pca-spc";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    @Override
    public void write(PcaSpcModel model, Path file) throws IOException {
        toEnvelope(model).write(file);
    }

    @Override
    public PcaSpcModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope holding {@code model}. */
    public static ModelEnvelope toEnvelope(PcaSpcModel model) {
        Objects.requireNonNull(model, "model");
        byte[] payload = ModelPayload.write(out -> {
            int p = model.schema().size();
            out.writeInt(p);
            out.writeInt(model.components());
            out.writeInt(model.trainingRows());
            out.writeDouble(model.confidence());
            out.writeBoolean(model.standardised());
            out.writeUTF(model.qLimitMethod().name());
            out.writeDouble(model.t2Limit());
            out.writeDouble(model.qLimit());
            writeDoubles(out, model.meanArray());
            writeDoubles(out, model.scaleArray());
            writeDoubles(out, model.eigenvalueArray());
            writeDoubles(out, model.loadingsRowMajor());
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the envelope holds another model type, a newer payload
     *                              version, or a payload that is truncated, has trailing bytes or
     *                              describes an invalid model
     */
    public static PcaSpcModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        return ModelPayload.read(envelope, source, in -> {
            int p = in.readInt();
            if (p != envelope.schema().size()) {
                throw new ModelFormatException(source + " has a pca-spc payload of " + p
                        + " features but a schema of " + envelope.schema().size());
            }
            int k = in.readInt();
            if (k < 1 || k >= p) {
                throw new ModelFormatException(source + " has an invalid component count " + k + " for " + p
                        + " features");
            }
            if ((3L * p + (long) p * k) * Double.BYTES > in.available()) {
                throw new ModelFormatException(source + " has a truncated pca-spc payload");
            }
            int n = in.readInt();
            double confidence = in.readDouble();
            boolean standardised = in.readBoolean();
            String methodName = in.readUTF();
            QLimitMethod method;
            try {
                method = QLimitMethod.valueOf(methodName);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an unknown Q limit method " + methodName, e);
            }
            double t2Limit = in.readDouble();
            double qLimit = in.readDouble();
            double[] mean = readDoubles(in, p);
            double[] scale = readDoubles(in, p);
            double[] eigenvalues = readDoubles(in, p);
            double[] loadings = readDoubles(in, p * k);
            return new PcaSpcModel(envelope.schema(), mean, scale, eigenvalues, loadings, k, n, confidence,
                    standardised, t2Limit, qLimit, method);
        });
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in, int count) throws IOException {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = in.readDouble();
        }
        return out;
    }
}

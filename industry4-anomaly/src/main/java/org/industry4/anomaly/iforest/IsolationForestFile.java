package org.industry4.anomaly.iforest;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

/**
 * Saves and loads an {@link IsolationForestModel} in a {@link ModelEnvelope} of type
 * {@value #MODEL_TYPE}, payload version {@value #PAYLOAD_VERSION}. A loaded model scores exactly
 * as the saved one did.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int     trees, int sampleSize, double maxFeatures, double contamination,
 * int     extensionLevel, long seed                 the options the forest was trained with
 * int     psi                                       sub-sample size used; height h = ceil(log2 psi)
 * double  threshold
 * then for each tree, for each of its 2^h - 1 split nodes in breadth-first order:
 *   standard:  int feature, double threshold
 *   extended:  double intercept, then extensionLevel + 1 x (int feature, double weight)
 * then for each tree, its 2^h leaf path lengths (double)
 * </pre>
 * Node fields as {@link IsolationForestModel} describes them. A file is checked on read (sizes,
 * features in range, finite values), so a damaged payload cannot make scoring read out of bounds.
 */
public final class IsolationForestFile implements ModelFile<IsolationForestModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "isolation-forest";
    /** The payload version this class writes and the highest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    @Override
    public void write(IsolationForestModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        envelope(model).write(file);
    }

    @Override
    public IsolationForestModel read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope {@link #write} stores. */
    public ModelEnvelope envelope(IsolationForestModel model) throws IOException {
        Objects.requireNonNull(model, "model");
        double[] cut = model.cut();
        double[] leaf = model.leaf();
        int k = model.planeSize();
        byte[] payload = ModelPayload.write(out -> {
            IsolationForestOptions o = model.options();
            out.writeInt(o.trees());
            out.writeInt(o.sampleSize());
            out.writeDouble(o.maxFeatures());
            out.writeDouble(o.contamination());
            out.writeInt(o.extensionLevel());
            out.writeLong(o.seed());
            out.writeInt(model.sampleSize());
            out.writeDouble(model.threshold());
            if (k == 0) {
                int[] feature = model.feature();
                for (int i = 0; i < cut.length; i++) {
                    out.writeInt(feature[i]);
                    out.writeDouble(cut[i]);
                }
            } else {
                int[] planeFeature = model.planeFeature();
                double[] planeWeight = model.planeWeight();
                for (int i = 0; i < cut.length; i++) {
                    out.writeDouble(cut[i]);
                    for (int j = i * k; j < (i + 1) * k; j++) {
                        out.writeInt(planeFeature[j]);
                        out.writeDouble(planeWeight[j]);
                    }
                }
            }
            for (double v : leaf) {
                out.writeDouble(v);
            }
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the envelope holds another model type, a newer payload version,
     *                              or a payload that is truncated or inconsistent
     */
    public IsolationForestModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        FeatureSchema schema = envelope.schema();
        int d = schema.size();
        return ModelPayload.read(envelope, source, in -> {
            IsolationForestOptions options;
            try {
                options = new IsolationForestOptions(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                        in.readInt(), in.readLong());
            } catch (IllegalArgumentException e) {
                throw invalid(source, e.getMessage());
            }
            if (options.extensionLevel() > d - 1) {
                throw invalid(source, "extension level " + options.extensionLevel() + " for " + d + " features");
            }
            int psi = in.readInt();
            if (psi < 2 || psi > options.sampleSize()) {
                throw invalid(source, "sub-sample size " + psi);
            }
            double threshold = in.readDouble();
            if (!(threshold > 0 && threshold <= 1)) {
                throw invalid(source, "threshold " + threshold);
            }
            int trees = options.trees();
            int k = options.extensionLevel() > 0 ? options.extensionLevel() + 1 : 0;
            long splitsPerTree = (1L << IsolationForestModel.heightLimit(psi)) - 1;
            long splits = trees * splitsPerTree;
            long leaves = trees * (splitsPerTree + 1);
            long expected = (k == 0 ? splits * 12 : splits * (8 + 12L * k)) + leaves * 8;
            if (expected > in.available()) {
                throw new EOFException();
            }
            int[] feature = new int[k == 0 ? (int) splits : 0];
            double[] cut = new double[(int) splits];
            int[] planeFeature = new int[(int) (splits * k)];
            double[] planeWeight = new double[(int) (splits * k)];
            for (int i = 0; i < cut.length; i++) {
                if (k == 0) {
                    feature[i] = in.readInt();
                    cut[i] = in.readDouble();
                    if (feature[i] < 0 || feature[i] >= d) {
                        throw invalid(source, "feature " + feature[i] + " at split node " + i);
                    }
                } else {
                    cut[i] = in.readDouble();
                    for (int j = i * k; j < (i + 1) * k; j++) {
                        planeFeature[j] = in.readInt();
                        planeWeight[j] = in.readDouble();
                        if (planeFeature[j] < 0 || planeFeature[j] >= d || !Double.isFinite(planeWeight[j])) {
                            throw invalid(source, "hyperplane coefficient " + (j - i * k) + " at split node " + i);
                        }
                    }
                }
                if (Double.isNaN(cut[i]) || cut[i] == Double.NEGATIVE_INFINITY) {
                    throw invalid(source, "threshold " + cut[i] + " at split node " + i);
                }
            }
            double[] leaf = new double[(int) leaves];
            for (int i = 0; i < leaf.length; i++) {
                leaf[i] = in.readDouble();
                if (!(leaf[i] >= 0 && leaf[i] < Double.POSITIVE_INFINITY)) {
                    throw invalid(source, "path length " + leaf[i] + " at leaf " + i);
                }
            }
            return new IsolationForestModel(schema, options, psi, threshold, trees, feature, cut, leaf,
                    k, planeFeature, planeWeight);
        });
    }

    private static ModelFormatException invalid(String source, String what) {
        return new ModelFormatException(source + " holds an invalid isolation forest: " + what);
    }
}

package org.industry4.anomaly.iforest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;

/**
 * Saves and loads an {@link IsolationForestModel} in a {@link ModelEnvelope} of type
 * {@value #MODEL_TYPE}, payload version {@value #PAYLOAD_VERSION}. A loaded model scores exactly
 * as the saved one did.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int     trees, int sampleSize, double maxFeatures, double contamination,
 * int     extensionLevel, long seed                 the options the forest was trained with
 * int     psi                                       sub-sample size used
 * double  threshold
 * int[trees]  roots                                 first node of each tree
 * int     nodeCount, then nodeCount x (int child, int split, double value)
 * int     coefficientCount, then coefficientCount x (int feature, double weight)   extended only
 * </pre>
 * Node fields as {@link IsolationForestModel} describes them. A file is checked on read (indices in
 * range, children after their parent, finite values), so a damaged payload cannot make scoring
 * loop or read out of bounds.
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + model.nodeCount() * 16);
        DataOutputStream out = new DataOutputStream(bytes);
        IsolationForestOptions o = model.options();
        out.writeInt(o.trees());
        out.writeInt(o.sampleSize());
        out.writeDouble(o.maxFeatures());
        out.writeDouble(o.contamination());
        out.writeInt(o.extensionLevel());
        out.writeLong(o.seed());
        out.writeInt(model.sampleSize());
        out.writeDouble(model.threshold());
        for (int root : model.roots()) {
            out.writeInt(root);
        }
        int[] child = model.child();
        int[] split = model.split();
        double[] value = model.value();
        out.writeInt(child.length);
        for (int i = 0; i < child.length; i++) {
            out.writeInt(child[i]);
            out.writeInt(split[i]);
            out.writeDouble(value[i]);
        }
        int[] planeFeature = model.planeFeature();
        double[] planeWeight = model.planeWeight();
        out.writeInt(planeFeature.length);
        for (int i = 0; i < planeFeature.length; i++) {
            out.writeInt(planeFeature[i]);
            out.writeDouble(planeWeight[i]);
        }
        out.flush();
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), bytes.toByteArray());
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
        byte[] payload = envelope.payload();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
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
            int[] roots = new int[options.trees()];
            for (int t = 0; t < roots.length; t++) {
                roots[t] = in.readInt();
            }
            int nodes = in.readInt();
            // Each node takes 16 bytes: a count larger than what is left is damage, not a huge forest.
            if (nodes < roots.length || (long) nodes * 16 > in.available()) {
                throw invalid(source, "node count " + nodes);
            }
            int[] child = new int[nodes];
            int[] split = new int[nodes];
            double[] value = new double[nodes];
            for (int i = 0; i < nodes; i++) {
                child[i] = in.readInt();
                split[i] = in.readInt();
                value[i] = in.readDouble();
            }
            int coefficients = in.readInt();
            if (coefficients < 0 || (long) coefficients * 12 != in.available()) {
                throw invalid(source, "coefficient count " + coefficients);
            }
            int[] planeFeature = new int[coefficients];
            double[] planeWeight = new double[coefficients];
            for (int i = 0; i < coefficients; i++) {
                planeFeature[i] = in.readInt();
                planeWeight[i] = in.readDouble();
            }
            int planeSize = options.extensionLevel() > 0 ? options.extensionLevel() + 1 : 0;
            check(source, d, roots, child, split, value, planeSize, planeFeature, planeWeight);
            return new IsolationForestModel(schema, options, psi, threshold, roots, child, split, value,
                    planeSize, planeFeature, planeWeight);
        } catch (ModelFormatException e) {
            throw e;
        } catch (EOFException e) {
            throw new ModelFormatException(source + " is truncated: the isolation forest payload ends early", e);
        } catch (IOException e) {
            throw new ModelFormatException(source + " could not be read: " + e.getMessage(), e);
        }
    }

    private static void check(String source, int d, int[] roots, int[] child, int[] split, double[] value,
                              int planeSize, int[] planeFeature, double[] planeWeight) throws ModelFormatException {
        int nodes = child.length;
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || roots[t] >= nodes) {
                throw invalid(source, "root " + roots[t] + " of tree " + t);
            }
        }
        for (int i = 0; i < nodes; i++) {
            if (!Double.isFinite(value[i])) {
                throw invalid(source, "value " + value[i] + " at node " + i);
            }
            int c = child[i];
            if (c < 0) {
                if (c != -1 || value[i] < 0) {
                    throw invalid(source, "leaf " + i);
                }
                continue;
            }
            // Children come after their parent, so every walk from a root ends at a leaf.
            if (c <= i || c >= nodes - 1) {
                throw invalid(source, "child " + c + " of node " + i);
            }
            if (planeSize == 0) {
                if (split[i] < 0 || split[i] >= d) {
                    throw invalid(source, "feature " + split[i] + " at node " + i);
                }
            } else if (split[i] < 0 || split[i] % planeSize != 0 || split[i] > planeFeature.length - planeSize) {
                throw invalid(source, "hyperplane offset " + split[i] + " at node " + i);
            }
        }
        for (int i = 0; i < planeFeature.length; i++) {
            if (planeFeature[i] < 0 || planeFeature[i] >= d || !Double.isFinite(planeWeight[i])) {
                throw invalid(source, "hyperplane coefficient " + i);
            }
        }
    }

    private static ModelFormatException invalid(String source, String what) {
        return new ModelFormatException(source + " holds an invalid isolation forest: " + what);
    }
}

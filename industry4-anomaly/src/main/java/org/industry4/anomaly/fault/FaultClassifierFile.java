package org.industry4.anomaly.fault;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

/**
 * Saves and loads a {@link FaultClassifierModel} in a {@link ModelEnvelope} of type
 * {@value #MODEL_TYPE}. A loaded model gives bit-identical probabilities.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * int      d                              feature count (equals the envelope's schema size)
 * int      k, then k x UTF                class names, sorted
 * int      trees, maxDepth, minLeaf, featuresPerSplit   the training options
 * double   unknownThreshold
 * double   rangeMargin                    Infinity: no range check
 * long     seed
 * int      trainingRows
 * int      nodes                          all trees together
 * int      leaves
 * int      roots[trees]                   first node of each tree
 * int      feature[nodes]                 split feature, -1 for a leaf
 * double   threshold[nodes]               go left when x[feature] &lt;= threshold (0 for a leaf)
 * int      left[nodes], right[nodes]      children (global node indices); for a leaf left is its
 *                                         distribution row and right is -1
 * double   distributions[leaves * k]      row-major: leaf l, class c at l * k + c
 * double   importances[d]
 * double   low[k * d], high[k * d]        each class's training range: class c, feature j at c * d + j
 * </pre>
 */
public final class FaultClassifierFile implements ModelFile<FaultClassifierModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "fault-classifier";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    @Override
    public void write(FaultClassifierModel model, Path file) throws IOException {
        toEnvelope(model).write(file);
    }

    @Override
    public FaultClassifierModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope holding {@code model}. */
    public static ModelEnvelope toEnvelope(FaultClassifierModel model) {
        Objects.requireNonNull(model, "model");
        byte[] payload = ModelPayload.write(out -> {
            out.writeInt(model.schema().size());
            out.writeInt(model.classes().size());
            for (String c : model.classes()) {
                out.writeUTF(c);
            }
            FaultClassifierOptions o = model.options();
            out.writeInt(o.trees());
            out.writeInt(o.maxDepth());
            out.writeInt(o.minLeaf());
            out.writeInt(o.featuresPerSplit());
            out.writeDouble(o.unknownThreshold());
            out.writeDouble(o.rangeMargin());
            out.writeLong(o.seed());
            out.writeInt(model.trainingRows());
            out.writeInt(model.nodes());
            out.writeInt(model.leafDistributionArray().length / model.classes().size());
            writeInts(out, model.rootArray());
            writeInts(out, model.featureArray());
            writeDoubles(out, model.thresholdArray());
            writeInts(out, model.leftArray());
            writeInts(out, model.rightArray());
            writeDoubles(out, model.leafDistributionArray());
            writeDoubles(out, model.importanceArray());
            writeDoubles(out, model.lowArray());
            writeDoubles(out, model.highArray());
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, model.schema(), payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the envelope holds another model type, a newer payload
     *                              version, or a payload that is truncated, has trailing bytes or
     *                              describes an invalid forest
     */
    public static FaultClassifierModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        return ModelPayload.read(envelope, source, in -> {
            int d = in.readInt();
            if (d != envelope.schema().size()) {
                throw new ModelFormatException(source + " has a " + MODEL_TYPE + " payload of " + d
                        + " features but a schema of " + envelope.schema().size());
            }
            int k = in.readInt();
            if (k < 2 || k > in.available()) {
                throw new ModelFormatException(source + " has an invalid class count " + k);
            }
            List<String> classes = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                classes.add(in.readUTF());
            }
            int trees = in.readInt();
            int maxDepth = in.readInt();
            int minLeaf = in.readInt();
            int featuresPerSplit = in.readInt();
            double unknownThreshold = in.readDouble();
            double rangeMargin = in.readDouble();
            long seed = in.readLong();
            int trainingRows = in.readInt();
            int nodes = in.readInt();
            int leaves = in.readInt();
            long needed = 4L * trees + (4L + 8 + 4 + 4) * nodes + 8L * leaves * k + 8L * d + 16L * k * d;
            if (trees < 1 || nodes < 1 || leaves < 1 || needed > in.available()) {
                throw new ModelFormatException(source + " has a truncated " + MODEL_TYPE + " payload");
            }
            FaultClassifierOptions options;
            try {
                options = new FaultClassifierOptions(trees, maxDepth, minLeaf, featuresPerSplit, unknownThreshold,
                        rangeMargin, seed);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " holds invalid " + MODEL_TYPE + " options: " + e.getMessage(), e);
            }
            int[] roots = readInts(in, trees);
            int[] feature = readInts(in, nodes);
            double[] threshold = readDoubles(in, nodes);
            int[] left = readInts(in, nodes);
            int[] right = readInts(in, nodes);
            double[] distributions = readDoubles(in, leaves * k);
            double[] importances = readDoubles(in, d);
            double[] low = readDoubles(in, k * d);
            double[] high = readDoubles(in, k * d);
            return new FaultClassifierModel(envelope.schema(), classes, options, trainingRows, roots, feature,
                    threshold, left, right, distributions, importances, low, high);
        });
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}

package org.industry4.anomaly.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Scorer;

/**
 * A fitted random forest that tells faults apart: the class probabilities of a feature vector
 * (usually the {@link WindowFeatures} of a window around an anomaly) and a {@link Diagnosis} that
 * answers {@link #UNKNOWN} when no class is confident enough.
 *
 * <h2>Probabilities</h2>
 * Each tree sends {@code x} from its root to a leaf, going left when {@code x[feature] <=
 * threshold}; the leaf holds the class distribution of the bootstrap draws that reached it in
 * training. The forest's probabilities are the mean of its trees' leaf distributions (as
 * scikit-learn's {@code predict_proba}, not a count of votes), normalised to sum to 1.
 *
 * <h2>Unknown faults</h2>
 * {@link #classify} answers {@link #UNKNOWN} in two cases:
 * <ol>
 *   <li><b>Low confidence</b>: the largest probability is below {@link #unknownThreshold()}. The
 *   trees disagree, as they do for a window whose features point to different classes.</li>
 *   <li><b>Out of range</b>: some feature lies outside the range {@code [min, max]} the most
 *   probable class's training rows span, widened on each side by {@link
 *   FaultClassifierOptions#rangeMargin()} times {@code max - min} (a feature constant in the class
 *   allows that value only). Trees only learn the features that separate the trained classes;
 *   a new fault that differs from normal operation in a feature no split needed (a vibration rise
 *   when no trained fault raised vibration) falls into a "normal" leaf with full confidence.
 *   The range check catches it and {@link Diagnosis#outOfRange()} names the feature. It is a
 *   per-class bounding box: it flags novelty along single features, not an unseen combination of
 *   values each within range, and its false alarms grow with the feature count and shrink with
 *   the training rows per class. {@link Double#POSITIVE_INFINITY} turns it off.</li>
 * </ol>
 * Measure both on a held-out fault class, as the {@code fault-classify} benchmark does.
 *
 * <h2>Layout</h2>
 * The trees are flattened into primitive arrays in pre-order (a child always follows its parent):
 * {@code feature[n]} (-1 for a leaf), {@code threshold[n]}, {@code left[n]}, {@code right[n]}
 * (for a leaf, {@code left[n]} is its row in the leaf distribution table), {@code roots[t]} the
 * first node of tree {@code t}. {@link #probabilities(double[], double[])} allocates nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class FaultClassifierModel {

    /** The label of a diagnosis no class is confident enough for; no class may have this name. */
    public static final String UNKNOWN = "unknown";
    /** The conventional label of windows of normal operation; a class like any other. */
    public static final String NORMAL = "normal";
    /** How far a stored leaf distribution may sum from 1. */
    private static final double SUM_TOLERANCE = 1e-9;

    private final FeatureSchema schema;
    private final List<String> classes;
    private final FaultClassifierOptions options;
    private final int trainingRows;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] leafDistributions;
    private final double[] importances;
    private final double[] low;
    private final double[] high;

    /**
     * A model from its arrays (not copied: the trainer and the file reader hand them over).
     *
     * @throws IllegalArgumentException if the arrays do not describe a valid forest
     */
    FaultClassifierModel(FeatureSchema schema, List<String> classes, FaultClassifierOptions options, int trainingRows,
            int[] roots, int[] feature, double[] threshold, int[] left, int[] right, double[] leafDistributions,
            double[] importances, double[] low, double[] high) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.classes = List.copyOf(classes);
        this.options = Objects.requireNonNull(options, "options");
        this.trainingRows = trainingRows;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.leafDistributions = leafDistributions;
        this.importances = importances;
        this.low = low;
        this.high = high;
        validate();
    }

    static void requireClassNames(List<String> classes) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a fault classifier needs at least 2 classes, got " + classes.size()
                    + " " + classes);
        }
        Set<String> seen = new HashSet<>();
        for (String c : classes) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("class names must not be blank, got " + classes);
            }
            if (c.equals(UNKNOWN)) {
                throw new IllegalArgumentException("no class may be called \"" + UNKNOWN
                        + "\": that is the answer for no confident class");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("class \"" + c + "\" appears twice in " + classes);
            }
        }
    }

    private void validate() {
        requireClassNames(classes);
        int d = schema.size();
        int k = classes.size();
        int nodes = feature.length;
        if (trainingRows < 2) {
            throw new IllegalArgumentException("training rows must be >= 2, got " + trainingRows);
        }
        if (roots.length != options.trees()) {
            throw new IllegalArgumentException("expected " + options.trees() + " trees, got " + roots.length);
        }
        if (threshold.length != nodes || left.length != nodes || right.length != nodes) {
            throw new IllegalArgumentException("node arrays differ in length: " + nodes + ", " + threshold.length + ", "
                    + left.length + ", " + right.length);
        }
        if (leafDistributions.length % k != 0) {
            throw new IllegalArgumentException("leaf distributions hold " + leafDistributions.length
                    + " values, not a multiple of " + k + " classes");
        }
        int leaves = leafDistributions.length / k;
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : nodes;
            if (start < 0 || end <= start || end > nodes || (t == 0 && start != 0)) {
                throw new IllegalArgumentException("tree " + t + " has an invalid node range [" + start + ", " + end + ")");
            }
            for (int n = start; n < end; n++) {
                int f = feature[n];
                if (f >= 0) {
                    if (f >= d) {
                        throw new IllegalArgumentException("node " + n + " splits on feature " + f + " of " + d);
                    }
                    if (!Double.isFinite(threshold[n])) {
                        throw new IllegalArgumentException("node " + n + " has threshold " + threshold[n]);
                    }
                    if (left[n] <= n || left[n] >= end || right[n] <= n || right[n] >= end) {
                        throw new IllegalArgumentException("node " + n + " of tree " + t + " has children " + left[n]
                                + " and " + right[n] + " outside (" + n + ", " + end + ")");
                    }
                } else if (f == -1) {
                    if (left[n] < 0 || left[n] >= leaves || right[n] != -1) {
                        throw new IllegalArgumentException("leaf " + n + " refers to distribution " + left[n] + " of "
                                + leaves);
                    }
                } else {
                    throw new IllegalArgumentException("node " + n + " has feature " + f);
                }
            }
        }
        for (int l = 0; l < leaves; l++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double p = leafDistributions[l * k + c];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("leaf distribution " + l + " has probability " + p);
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("leaf distribution " + l + " sums to " + sum);
            }
        }
        if (importances.length != d) {
            throw new IllegalArgumentException("expected " + d + " importances, got " + importances.length);
        }
        for (int j = 0; j < d; j++) {
            if (!(importances[j] >= 0 && importances[j] <= 1)) {
                throw new IllegalArgumentException("importance of feature " + j + " must be in [0, 1], got "
                        + importances[j]);
            }
        }
        if (low.length != k * d || high.length != k * d) {
            throw new IllegalArgumentException("expected " + k * d + " range bounds per side, got " + low.length + " and "
                    + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(Double.isFinite(low[i]) && Double.isFinite(high[i]) && low[i] <= high[i])) {
                throw new IllegalArgumentException("class " + classes.get(i / d) + ", feature " + (i % d)
                        + " has an invalid training range [" + low[i] + ", " + high[i] + "]");
            }
        }
    }

    /** The features a vector must hold, in order. */
    public FeatureSchema schema() {
        return schema;
    }

    /** The class names, sorted; the order of every probability vector. */
    public List<String> classes() {
        return classes;
    }

    /** The options the forest was trained with, with the current {@link #unknownThreshold()}. */
    public FaultClassifierOptions options() {
        return options;
    }

    /** The largest probability below which {@link #classify} answers {@link #UNKNOWN}. */
    public double unknownThreshold() {
        return options.unknownThreshold();
    }

    /** The margin of the range check; {@link Double#POSITIVE_INFINITY} when it is off. */
    public double rangeMargin() {
        return options.rangeMargin();
    }

    /** The rows the forest was trained on. */
    public int trainingRows() {
        return trainingRows;
    }

    /** The number of trees. */
    public int trees() {
        return roots.length;
    }

    /** The number of nodes of all trees together. */
    public int nodes() {
        return feature.length;
    }

    /**
     * This model answering unknown below another threshold; the trees are shared, not copied.
     *
     * @throws IllegalArgumentException if {@code unknownThreshold} is outside [0, 1]
     */
    public FaultClassifierModel withUnknownThreshold(double unknownThreshold) {
        return new FaultClassifierModel(schema, classes, options.withUnknownThreshold(unknownThreshold), trainingRows,
                roots, feature, threshold, left, right, leafDistributions, importances, low, high);
    }

    /**
     * This model with another range margin ({@link Double#POSITIVE_INFINITY}: no range check);
     * the trees are shared, not copied.
     *
     * @throws IllegalArgumentException if {@code rangeMargin} is negative or NaN
     */
    public FaultClassifierModel withRangeMargin(double rangeMargin) {
        return new FaultClassifierModel(schema, classes, options.withRangeMargin(rangeMargin), trainingRows,
                roots, feature, threshold, left, right, leafDistributions, importances, low, high);
    }

    /**
     * The smallest value of each feature among the training rows of {@code className}, in schema
     * order: the lower end of the range check before its margin.
     *
     * @throws IllegalArgumentException if the model has no such class
     */
    public double[] trainingMinimum(String className) {
        int c = classIndex(className);
        return Arrays.copyOfRange(low, c * schema.size(), (c + 1) * schema.size());
    }

    /**
     * The largest value of each feature among the training rows of {@code className}, in schema
     * order: the upper end of the range check before its margin.
     *
     * @throws IllegalArgumentException if the model has no such class
     */
    public double[] trainingMaximum(String className) {
        int c = classIndex(className);
        return Arrays.copyOfRange(high, c * schema.size(), (c + 1) * schema.size());
    }

    private int classIndex(String className) {
        int c = classes.indexOf(className);
        if (c < 0) {
            throw new IllegalArgumentException("\"" + className + "\" is not one of the classes " + classes);
        }
        return c;
    }

    /**
     * The mean decrease of Gini impurity each feature brings about, weighted by the bootstrap
     * draws that reach the node, averaged over the trees and scaled to sum to 1 (all 0 if no tree
     * split at all), in schema order. Biased towards features with many distinct values, as
     * impurity importances are; a hint of which features matter, not proof.
     */
    public double[] featureImportances() {
        return importances.clone();
    }

    /**
     * The class probabilities of {@code x}.
     *
     * @return a new array in {@link #classes()} order, summing to 1
     * @throws IllegalArgumentException if {@code x} does not fit the schema or holds a NaN or
     *                                  infinite value (naming the feature)
     */
    public double[] probabilities(double[] x) {
        double[] out = new double[classes.size()];
        probabilities(x, out);
        return out;
    }

    /**
     * The class probabilities of {@code x} into {@code out}; allocates nothing.
     *
     * @throws IllegalArgumentException as {@link #probabilities(double[])}, or if {@code out} does
     *                                  not have one slot per class
     */
    public void probabilities(double[] x, double[] out) {
        Scorer.requireFinite(schema, x);
        Objects.requireNonNull(out, "out");
        int k = classes.size();
        if (out.length != k) {
            throw new IllegalArgumentException("out must have " + k + " slots, one per class, got " + out.length);
        }
        Arrays.fill(out, 0);
        for (int root : roots) {
            int n = root;
            int f;
            while ((f = feature[n]) >= 0) {
                n = x[f] <= threshold[n] ? left[n] : right[n];
            }
            int at = left[n] * k;
            for (int c = 0; c < k; c++) {
                out[c] += leafDistributions[at + c];
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
    }

    /**
     * The diagnosis of {@code x}: the most probable class (the first on a tie), or {@link
     * #UNKNOWN} when its probability is below {@link #unknownThreshold()} or {@code x} lies outside
     * its training range (see the class description).
     *
     * @throws IllegalArgumentException as {@link #probabilities(double[])}
     */
    public Diagnosis classify(double[] x) {
        double[] p = probabilities(x);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        double confidence = Math.min(1, p[best]);
        int outside = outOfRange(x, best);
        String label = confidence < options.unknownThreshold() || outside >= 0 ? UNKNOWN : classes.get(best);
        return new Diagnosis(label, confidence, p, outside >= 0 ? schema.names().get(outside) : "");
    }

    /**
     * The feature of {@code x} furthest outside the widened training range of class {@code c},
     * measured in units of that range (a constant feature's range is 0, so any excess there is
     * the furthest; the first in schema order on a tie); -1 if every feature is within range.
     */
    private int outOfRange(double[] x, int c) {
        double margin = options.rangeMargin();
        if (margin == Double.POSITIVE_INFINITY) {
            return -1;
        }
        int d = schema.size();
        int worst = -1;
        double worstExcess = 0;
        for (int j = 0, at = c * d; j < d; j++, at++) {
            double lo = low[at];
            double hi = high[at];
            double width = hi - lo;
            double slack = margin * width;
            double v = x[j];
            if (v < lo - slack || v > hi + slack) {
                double excess = (v < lo ? lo - v : v - hi) / width;
                if (worst < 0 || excess > worstExcess) {
                    worst = j;
                    worstExcess = excess;
                }
            }
        }
        return worst;
    }

    /**
     * The diagnosis of each row.
     *
     * @throws IllegalArgumentException as {@link #probabilities(double[])}, naming the row
     */
    public List<Diagnosis> classifyAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        List<Diagnosis> out = new ArrayList<>(rows.length);
        for (int r = 0; r < rows.length; r++) {
            try {
                out.add(classify(rows[r]));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    // ---- for the file format ----

    int[] rootArray() {
        return roots;
    }

    int[] featureArray() {
        return feature;
    }

    double[] thresholdArray() {
        return threshold;
    }

    int[] leftArray() {
        return left;
    }

    int[] rightArray() {
        return right;
    }

    double[] leafDistributionArray() {
        return leafDistributions;
    }

    double[] importanceArray() {
        return importances;
    }

    double[] lowArray() {
        return low;
    }

    double[] highArray() {
        return high;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FaultClassifierModel[%d trees, %d nodes, %d features, classes %s, "
                        + "unknown below %.3f or beyond %s of the range, trained on %d rows]", roots.length, feature.length,
                schema.size(), classes, options.unknownThreshold(), options.rangeMargin(), trainingRows);
    }
}

package org.industry4.anomaly.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A multi-class confusion matrix: {@code counts[a][p]} is the number of samples of actual class
 * {@code labels.get(a)} predicted as {@code labels.get(p)}. Rows are actual classes, columns
 * predicted ones. A class that only ever appears as a prediction (an "unknown fault" answer) is
 * simply a label whose row is empty.
 *
 * <p>Per-class precision and recall with a zero denominator are 0, as in {@link DetectionMetrics}.
 * Immutable: the constructor and {@link #counts()} copy the array.
 *
 * @param labels the class names, in row and column order; not empty, unique, not blank
 * @param counts a square matrix of the labels' size; every count {@code >= 0}
 */
public record ConfusionMatrix(List<String> labels, long[][] counts) {

    public ConfusionMatrix {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(counts, "counts");
        labels = List.copyOf(labels);
        indexOf(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " rows of counts, got " + counts.length);
        }
        long[][] copy = new long[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            if (counts[a] == null || counts[a].length != labels.size()) {
                throw new IllegalArgumentException("row " + a + " (" + labels.get(a) + ") must have " + labels.size()
                        + " counts, got " + (counts[a] == null ? "null" : counts[a].length));
            }
            copy[a] = counts[a].clone();
            for (int p = 0; p < copy[a].length; p++) {
                if (copy[a][p] < 0) {
                    throw new IllegalArgumentException("count of actual " + labels.get(a) + ", predicted "
                            + labels.get(p) + " must be >= 0, got " + copy[a][p]);
                }
            }
        }
        counts = copy;
    }

    private static Map<String, Integer> indexOf(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one label, got none");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label.isBlank()) {
                throw new IllegalArgumentException("label at index " + i + " is blank");
            }
            Integer before = index.putIfAbsent(label, i);
            if (before != null) {
                throw new IllegalArgumentException("label \"" + label + "\" appears twice, at index " + before
                        + " and " + i);
            }
        }
        return index;
    }

    /**
     * Counts actual against predicted class names.
     *
     * @throws IllegalArgumentException if the lists are empty or differ in length, or hold a name
     *                                  that is not among {@code labels} (naming it and its index)
     */
    public static ConfusionMatrix of(List<String> labels, List<String> actual, List<String> predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        Map<String, Integer> index = indexOf(List.copyOf(labels));
        DetectionMetrics.requireSameNonEmptyLength(predicted.size(), actual.size());
        long[][] counts = new long[labels.size()][labels.size()];
        for (int i = 0; i < actual.size(); i++) {
            counts[lookup(index, labels, actual.get(i), "actual", i)][lookup(index, labels, predicted.get(i), "predicted", i)]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    private static int lookup(Map<String, Integer> index, List<String> labels, String name, String what, int i) {
        Integer k = index.get(name);
        if (k == null) {
            throw new IllegalArgumentException(what + " label \"" + name + "\" at index " + i + " is not one of " + labels);
        }
        return k;
    }

    /**
     * Counts actual against predicted class indices into {@code labels}.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length, or hold an
     *                                  index outside the labels (naming it and its position)
     */
    public static ConfusionMatrix ofIndices(List<String> labels, int[] actual, int[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        int k = labels.size();
        DetectionMetrics.requireSameNonEmptyLength(predicted.length, actual.length);
        long[][] counts = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k) {
                throw new IllegalArgumentException("actual class at index " + i + " must be in [0, " + k + "), got " + actual[i]);
            }
            if (predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("predicted class at index " + i + " must be in [0, " + k + "), got "
                        + predicted[i]);
            }
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(labels, counts);
    }

    /** A copy of the counts, rows actual, columns predicted. */
    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** The number of classes. */
    public int size() {
        return labels.size();
    }

    /**
     * The position of {@code label} in rows and columns.
     *
     * @throws IllegalArgumentException if it is not one of the labels
     */
    public int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("\"" + label + "\" is not one of " + labels);
        }
        return i;
    }

    /** Samples of actual class {@code actual} predicted as {@code predicted}. */
    public long count(String actual, String predicted) {
        return counts[index(actual)][index(predicted)];
    }

    /** All samples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** Samples whose actual class is {@code label} (its row sum). */
    public long support(String label) {
        return Arrays.stream(counts[index(label)]).sum();
    }

    /** Samples predicted as {@code label} (its column sum). */
    public long predictedCount(String label) {
        int p = index(label);
        long sum = 0;
        for (long[] row : counts) {
            sum += row[p];
        }
        return sum;
    }

    /** Correct predictions over all samples; 0 if there are none. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return DetectionMetrics.ratio(correct, total());
    }

    /** Of the samples predicted as {@code label}, the share that are; 0 if none was predicted so. */
    public double precision(String label) {
        int i = index(label);
        return DetectionMetrics.ratio(counts[i][i], predictedCount(label));
    }

    /** Of the samples of class {@code label}, the share predicted so; 0 if there are none. */
    public double recall(String label) {
        int i = index(label);
        return DetectionMetrics.ratio(counts[i][i], support(label));
    }

    /** The harmonic mean of {@link #precision} and {@link #recall} of {@code label}; 0 if both are 0. */
    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * The matrix as a fixed-width text table, with each class's recall at the end of its row and
     * precision under its column, for logs and benchmark reports:
     * <pre>
     * actual \ predicted  normal  bearing | recall
     * normal                  48        2 |  0.960
     * bearing                  5       45 |  0.900
     * precision            0.906    0.957 | accuracy 0.930
     * </pre>
     */
    public String toTable() {
        String corner = "actual \\ predicted";
        int first = corner.length();
        int width = 9;
        for (String label : labels) {
            first = Math.max(first, label.length());
            width = Math.max(width, label.length());
        }
        for (long[] row : counts) {
            for (long c : row) {
                width = Math.max(width, Long.toString(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(pad(corner, first, false));
        for (String label : labels) {
            out.append(' ').append(pad(label, width, true));
        }
        out.append(" | recall\n");
        for (int a = 0; a < counts.length; a++) {
            out.append(pad(labels.get(a), first, false));
            for (long c : counts[a]) {
                out.append(' ').append(pad(Long.toString(c), width, true));
            }
            out.append(" | ").append(pad(format(recall(labels.get(a))), 6, true)).append('\n');
        }
        out.append(pad("precision", first, false));
        for (String label : labels) {
            out.append(' ').append(pad(format(precision(label)), width, true));
        }
        out.append(" | accuracy ").append(format(accuracy())).append('\n');
        return out.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && labels.equals(m.labels) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + labels + " " + Arrays.deepToString(counts);
    }
}

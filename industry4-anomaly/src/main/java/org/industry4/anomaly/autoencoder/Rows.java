package org.industry4.anomaly.autoencoder;

import org.industry4.core.FeatureSchema;

/**
 * Checks of input rows, with messages that name the row and the feature, and what the dense and
 * conv autoencoder models share in scoring them.
 */
final class Rows {

    private Rows() {
    }

    /** Checks row {@code r}: not null, the schema's width, every value finite. */
    static void require(FeatureSchema schema, double[] row, int r) {
        if (row == null) {
            throw new IllegalArgumentException("row " + r + " is null");
        }
        if (row.length != schema.size()) {
            throw new IllegalArgumentException("row " + r + ": expected " + schema.size() + " features, got "
                    + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException("row " + r + ": feature " + schema.names().get(i) + " (index " + i
                        + ") must be finite, got " + row[i]);
            }
        }
    }

    /** Checks every row as {@link #require} does, naming the first that fails. */
    static void requireAll(FeatureSchema schema, double[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            require(schema, rows[r], r);
        }
    }

    /** Checks an alarm threshold: finite and at least 0. */
    static double requireThreshold(double threshold) {
        if (!(threshold >= 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
        }
        return threshold;
    }

    /** The name of the largest of {@code contributions} (the first on a tie), in {@code names}' order. */
    static String topContributor(double[] contributions, FeatureSchema names) {
        int best = 0;
        for (int j = 1; j < contributions.length; j++) {
            if (contributions[j] > contributions[best]) {
                best = j;
            }
        }
        return names.names().get(best);
    }
}

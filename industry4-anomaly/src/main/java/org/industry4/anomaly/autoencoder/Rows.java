package org.industry4.anomaly.autoencoder;

import org.industry4.core.FeatureSchema;

/** Checks of input rows, with messages that name the row and the feature. */
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
}

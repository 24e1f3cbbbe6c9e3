package org.industry4.anomaly.scale;

import java.util.Objects;
import org.industry4.core.FeatureSchema;

/** Checks of training data and rows, with messages that name the row and the feature. */
final class Checks {

    private Checks() {
    }

    /** "pump_temp (index 3)". */
    static String feature(FeatureSchema schema, int i) {
        return "feature " + schema.names().get(i) + " (index " + i + ")";
    }

    /**
     * Checks training data: at least {@code minRows} rows, each of the schema's width and finite.
     */
    static void requireTrainingData(double[][] rows, FeatureSchema schema, int minRows) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(schema, "schema");
        if (rows.length < minRows) {
            throw new IllegalArgumentException("training data must have at least " + minRows
                    + " rows, got " + rows.length);
        }
        for (int r = 0; r < rows.length; r++) {
            requireRow(schema, rows, r);
        }
    }

    /** Checks row {@code r}: not null, the schema's width, every value finite. */
    static void requireRow(FeatureSchema schema, double[][] rows, int r) {
        double[] row = rows[r];
        if (row == null) {
            throw new IllegalArgumentException("row " + r + " is null");
        }
        if (row.length != schema.size()) {
            throw new IllegalArgumentException("row " + r + ": expected " + schema.size()
                    + " features, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException("row " + r + ": " + feature(schema, i)
                        + " must be finite, got " + row[i]);
            }
        }
    }

    /** The message for a column that holds one value only. */
    static IllegalArgumentException constant(FeatureSchema schema, int i, double value, String alternative) {
        return new IllegalArgumentException(feature(schema, i) + " is constant (" + value
                + ") in the training data; drop it from the schema or " + alternative);
    }
}

package org.industry4.rul.data;

import java.util.Objects;
import org.industry4.core.FeatureSchema;

/**
 * One asset's history, one row per cycle (or per sampling step), oldest first, with the remaining
 * useful life after its last row when known. A run-to-failure history ends at failure and has
 * {@code rulAtEnd == 0}; a test history is cut before failure and has the RUL the data set gives.
 * Immutable: the rows are copied in and out.
 *
 * @param assetId  the engine or machine, e.g. {@code "FD001/17"}; not blank
 * @param schema   the columns of every row
 * @param rows     {@code rows[cycle][column]}, at least one row, every value finite
 * @param rulAtEnd cycles left after the last row, {@code >= 0}, or {@link #UNKNOWN}
 */
public record Trajectory(String assetId, FeatureSchema schema, double[][] rows, int rulAtEnd) {

    /** {@link #rulAtEnd()} of a history whose remaining life is not known (live data). */
    public static final int UNKNOWN = -1;

    /** Validates and copies; a non-finite value is named by asset, row and column. */
    public Trajectory {
        Objects.requireNonNull(assetId, "assetId");
        if (assetId.isBlank()) {
            throw new IllegalArgumentException("assetId must not be blank");
        }
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("trajectory " + assetId + " has no rows");
        }
        if (rulAtEnd < UNKNOWN) {
            throw new IllegalArgumentException("rulAtEnd of " + assetId + " must be >= 0 or UNKNOWN, got " + rulAtEnd);
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != schema.size()) {
                throw new IllegalArgumentException("trajectory " + assetId + " row " + i + ": expected "
                        + schema.size() + " values, got " + (row == null ? "null" : row.length));
            }
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("trajectory " + assetId + " row " + i + " column "
                            + schema.names().get(j) + " is not finite: " + row[j]);
                }
            }
            copy[i] = row.clone();
        }
        rows = copy;
    }

    /** A copy of the rows. */
    @Override
    public double[][] rows() {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** The number of rows (cycles). */
    public int cycles() {
        return rows.length;
    }

    /** The value at {@code cycle} (0-based row) and {@code column}, without copying. */
    public double value(int cycle, int column) {
        return rows[cycle][column];
    }

    /** A copy of one row. */
    public double[] row(int cycle) {
        return rows[cycle].clone();
    }

    /** Whether the remaining life after the last row is known. */
    public boolean rulKnown() {
        return rulAtEnd != UNKNOWN;
    }

    /**
     * The first {@code cycles} rows, with the remaining life after them: {@code rulAtEnd +
     * (cycles() - cycles)} when known (a test-like cut of a run-to-failure history).
     */
    public Trajectory head(int cycles) {
        if (cycles < 1 || cycles > rows.length) {
            throw new IllegalArgumentException("cycles must be in [1, " + rows.length + "] for " + assetId
                    + ", got " + cycles);
        }
        double[][] part = new double[cycles][];
        System.arraycopy(rows, 0, part, 0, cycles);
        return new Trajectory(assetId, schema, part, rulKnown() ? rulAtEnd + rows.length - cycles : UNKNOWN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t && assetId.equals(t.assetId) && schema.equals(t.schema)
                && rulAtEnd == t.rulAtEnd && java.util.Arrays.deepEquals(rows, t.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(assetId, schema, rulAtEnd, java.util.Arrays.deepHashCode(rows));
    }

    @Override
    public String toString() {
        return "Trajectory[" + assetId + ", " + rows.length + " x " + schema.size() + ", rulAtEnd " + rulAtEnd + "]";
    }
}

package org.industry4.twin.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of named numeric columns, as produced by {@link MeasuredRun#rows()}: the training and
 * test data of the twins. Deep-copied in and out; immutable.
 *
 * @param columns the column names, no duplicates
 * @param rows    one array per row, one value per column
 */
public record TrainingRows(List<String> columns, double[][] rows) {

    public TrainingRows {
        columns = List.copyOf(columns);
        if (columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("duplicate column names in " + columns);
        }
        Objects.requireNonNull(rows, "rows");
        double[][] copy = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values in row " + k + ", got "
                        + rows[k].length);
            }
            copy[k] = rows[k].clone();
        }
        rows = copy;
    }

    /** Rows of several tables with the same columns, in order. */
    public static TrainingRows concat(List<TrainingRows> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        List<String> cols = parts.get(0).columns();
        List<double[]> all = new ArrayList<>();
        for (TrainingRows p : parts) {
            if (!p.columns().equals(cols)) {
                throw new IllegalArgumentException("columns differ: " + p.columns() + " vs " + cols);
            }
            all.addAll(List.of(p.rows));
        }
        return new TrainingRows(cols, all.toArray(double[][]::new));
    }

    @Override
    public double[][] rows() {
        return new TrainingRows(columns, rows).rows;
    }

    /** The number of rows. */
    public int size() {
        return rows.length;
    }

    /** The values of the named column. */
    public double[] column(String name) {
        int c = index(name);
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[k][c];
        }
        return out;
    }

    /** A matrix of the named columns, in the given order (e.g. a model's input names). */
    public double[][] select(List<String> names) {
        int[] idx = names.stream().mapToInt(this::index).toArray();
        double[][] out = new double[rows.length][idx.length];
        for (int k = 0; k < rows.length; k++) {
            for (int j = 0; j < idx.length; j++) {
                out[k][j] = rows[k][idx[j]];
            }
        }
        return out;
    }

    private int index(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("unknown column \"" + name + "\"; the columns are " + columns);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingRows t && columns.equals(t.columns) && java.util.Arrays.deepEquals(rows, t.rows);
    }

    @Override
    public int hashCode() {
        return 31 * columns.hashCode() + java.util.Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        return "TrainingRows[" + rows.length + " rows, columns=" + columns + "]";
    }
}

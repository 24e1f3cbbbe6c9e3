package org.industry4.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.industry4.core.FeatureSchema;

/**
 * One outlier-detection data set in the ODDS/ADBench CSV layout: a header {@code x0,x1,...,xn,label}
 * and one row per sample, {@code label} 1 for an outlier and 0 for an inlier; {@code .csv} or
 * {@code .csv.gz}.
 *
 * @param name     the data set's name for matching published tables: the file name without
 *                 extension and without ADBench's numeric prefix, lower case ({@code 18_Ionosphere.csv}
 *                 -> {@code ionosphere})
 * @param file     where it was read from
 * @param schema   the feature columns
 * @param rows     the feature rows
 * @param outlier  per row, whether it is labelled an outlier
 */
record OddsCsv(String name, Path file, FeatureSchema schema, double[][] rows, boolean[] outlier) {

    /** The data files of {@code dir}: every {@code *.csv} and {@code *.csv.gz} whose header is {@code x0..xn,label}, by name. */
    static List<Path> dataFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                if (Files.isRegularFile(p) && (f.endsWith(".csv") || f.endsWith(".csv.gz")) && hasDataHeader(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** {@code 18_Ionosphere.csv.gz} -> {@code ionosphere}. */
    static String nameOf(Path file) {
        String f = file.getFileName().toString();
        f = f.endsWith(".gz") ? f.substring(0, f.length() - 3) : f;
        f = f.endsWith(".csv") ? f.substring(0, f.length() - 4) : f;
        f = f.replaceFirst("^[0-9]+_", "");
        return f.toLowerCase(Locale.ROOT);
    }

    /** A name reduced to lower-case letters and digits, for matching across tables ("satimage-2" = "Satimage2"). */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean hasDataHeader(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            String header = in.readLine();
            return header != null && isDataHeader(header.split(",", -1));
        }
    }

    private static boolean isDataHeader(String[] columns) {
        if (columns.length < 2 || !columns[columns.length - 1].trim().equals("label")) {
            return false;
        }
        for (int j = 0; j < columns.length - 1; j++) {
            if (!columns[j].trim().equals("x" + j)) {
                return false;
            }
        }
        return true;
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Reads a data file.
     *
     * @throws IllegalArgumentException naming the file and line for a bad header, a row of the wrong
     *                                  width, a value that is not a finite number or a label other than 0 or 1
     */
    static OddsCsv read(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            String[] columns = header.split(",", -1);
            if (!isDataHeader(columns)) {
                throw new IllegalArgumentException(file + ": header must be x0,...,xn,label, got \"" + header + "\"");
            }
            int d = columns.length - 1;
            List<double[]> rows = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != d + 1) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": expected " + (d + 1)
                            + " columns, got " + cells.length);
                }
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = parse(file, lineNo, j, cells[j]);
                }
                double label = parse(file, lineNo, d, cells[d]);
                if (label != 0 && label != 1) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": label must be 0 or 1, got " + cells[d]);
                }
                rows.add(row);
                labels.add(label == 1);
            }
            boolean[] outlier = new boolean[labels.size()];
            for (int i = 0; i < outlier.length; i++) {
                outlier[i] = labels.get(i);
            }
            FeatureSchema schema = new FeatureSchema(Arrays.asList(columns).subList(0, d));
            return new OddsCsv(nameOf(file), file, schema, rows.toArray(new double[0][]), outlier);
        }
    }

    private static double parse(Path file, int line, int column, String cell) {
        double v;
        try {
            v = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + " column " + column + ": not a number: \"" + cell + "\"");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(file + " line " + line + " column " + column + ": not finite: " + cell);
        }
        return v;
    }

    /** The number of outliers. */
    int outliers() {
        int c = 0;
        for (boolean o : outlier) {
            c += o ? 1 : 0;
        }
        return c;
    }
}

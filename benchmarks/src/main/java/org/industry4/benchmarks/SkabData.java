package org.industry4.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.FeatureSchema;

/**
 * The Skoltech Anomaly Benchmark (SKAB) files: {@code ;}-separated CSV with a header, the eight
 * sensors of the pump test bed, and the {@code anomaly} label. Columns are found by name; a
 * malformed line is an error naming the file and the line.
 */
final class SkabData {

    static final List<String> SENSORS = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
            "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");
    static final FeatureSchema SCHEMA = new FeatureSchema(SENSORS);

    /** One experiment: sensor rows in time order and their labels. */
    record Run(Path file, double[][] x, boolean[] anomaly) {

        int rows() {
            return x.length;
        }
    }

    private SkabData() {
    }

    /** Every labelled run under {@code dir} ({@code anomaly-free} excluded), sorted by path. */
    static List<Run> labelledRuns(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("SKAB data folder " + dir + " does not exist or is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> !p.toString().contains("anomaly-free"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no SKAB *.csv files under " + dir);
        }
        List<Run> runs = new ArrayList<>(files.size());
        for (Path f : files) {
            runs.add(read(f));
        }
        return runs;
    }

    /** Reads one SKAB file. */
    static Run read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        List<String> header = List.of(lines.get(0).split(";", -1));
        int[] columns = SENSORS.stream().mapToInt(header::indexOf).toArray();
        int anomalyColumn = header.indexOf("anomaly");
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] < 0) {
                throw new IOException(file + " has no column " + SENSORS.get(j) + "; header: " + lines.get(0));
            }
        }
        if (anomalyColumn < 0) {
            throw new IOException(file + " has no column anomaly; header: " + lines.get(0));
        }
        List<double[]> rows = new ArrayList<>(lines.size());
        boolean[] labels = new boolean[lines.size()];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(";", -1);
            if (cells.length != header.size()) {
                throw new IOException(file + " line " + (i + 1) + ": expected " + header.size() + " fields, got "
                        + cells.length);
            }
            double[] row = new double[columns.length];
            try {
                for (int j = 0; j < columns.length; j++) {
                    row[j] = Double.parseDouble(cells[columns[j]]);
                    if (!Double.isFinite(row[j])) {
                        throw new NumberFormatException("not finite: " + cells[columns[j]]);
                    }
                }
                labels[rows.size()] = Double.parseDouble(cells[anomalyColumn]) > 0.5;
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            rows.add(row);
        }
        return new Run(file, rows.toArray(double[][]::new), Arrays.copyOf(labels, rows.size()));
    }
}

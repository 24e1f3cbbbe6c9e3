package org.industry4.anomaly.autoencoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.FeatureSchema;

/** Reads SKAB (Skoltech Anomaly Benchmark) files: {@code ;}-separated, a header, columns found by name. */
final class SkabData {

    static final FeatureSchema SENSORS = FeatureSchema.of("Accelerometer1RMS", "Accelerometer2RMS", "Current",
            "Pressure", "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");

    /** One SKAB file: the sensor rows and, per row, whether it is labelled anomalous (all false without labels). */
    record Run(String name, double[][] x, boolean[] anomaly) {
    }

    private SkabData() {
    }

    /** The SKAB {@code data} folder under {@code industry4.shared.dir}, or null when it is not there. */
    static Path folder() {
        Path data = Path.of(System.getProperty("industry4.shared.dir", "../shared"), "data", "skab", "data");
        return Files.isDirectory(data) ? data : null;
    }

    /** Every labelled run under {@code dataDir} (all {@code *.csv} except {@code anomaly-free}), sorted by path. */
    static List<Run> labelledRuns(Path dataDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(p -> p.toString().endsWith(".csv"))
                    .filter(p -> !p.toString().contains("anomaly-free"))
                    .sorted()
                    .toList();
        }
        List<Run> runs = new ArrayList<>();
        for (Path file : files) {
            runs.add(read(file));
        }
        return runs;
    }

    /** The {@code anomaly-free/anomaly-free.csv} run. */
    static Run anomalyFree(Path dataDir) throws IOException {
        return read(dataDir.resolve("anomaly-free").resolve("anomaly-free.csv"));
    }

    static Run read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(";"));
        int[] columns = SENSORS.names().stream().mapToInt(header::indexOf).toArray();
        if (Arrays.stream(columns).anyMatch(c -> c < 0)) {
            throw new IOException(file + " lacks a SKAB sensor column; header: " + lines.get(0));
        }
        int anomalyColumn = header.indexOf("anomaly");
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(";");
            double[] row = new double[columns.length];
            for (int j = 0; j < columns.length; j++) {
                row[j] = Double.parseDouble(cells[columns[j]]);
            }
            rows.add(row);
            labels.add(anomalyColumn >= 0 && Double.parseDouble(cells[anomalyColumn]) > 0.5);
        }
        boolean[] anomaly = new boolean[labels.size()];
        for (int i = 0; i < anomaly.length; i++) {
            anomaly[i] = labels.get(i);
        }
        Path parent = file.getParent();
        String name = (parent == null ? "" : parent.getFileName() + "/") + file.getFileName();
        return new Run(name, rows.toArray(double[][]::new), anomaly);
    }
}

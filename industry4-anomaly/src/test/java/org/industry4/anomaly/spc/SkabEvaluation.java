package org.industry4.anomaly.spc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.FeatureSchema;

/**
 * PCA process control on SKAB (Skoltech Anomaly Benchmark) with SKAB's outlier-detection protocol,
 * for information beside SKAB's published "T-squared+Q (PCA-based)" row (F1 0.76, FAR 26.62 %,
 * MAR 24.92 %). Not a benchmark and not tuned: it uses the published method's own settings.
 *
 * <p>Protocol, as SKAB's {@code load_preprocess_skab} and T2 notebooks do it: every {@code *.csv}
 * under the data folder except {@code anomaly-free}; per file, fit on the first 400 rows and
 * predict the rest; each statistic is smoothed by a trailing median of {@code window} values (the
 * first {@code window - 1} test rows predict normal); a row is anomalous when smoothed T² or
 * smoothed Q exceeds its limit. TP, FP, FN and TN are summed over all files, then
 * {@code F1 = 2TP / (2TP + FP + FN)}, {@code FAR = FP / (FP + TN)}, {@code MAR = FN / (FN + TP)}.
 *
 * <p>{@code main} arguments: the SKAB {@code data} folder (default
 * {@code ../shared/data/skab/data}).
 */
final class SkabEvaluation {

    static final List<String> SENSORS = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
            "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");
    static final int TRAIN_ROWS = 400;

    /** Summed confusion counts and the rates computed from them. */
    record Result(int files, long tp, long fp, long fn, long tn) {

        double f1() {
            return 2.0 * tp / (2.0 * tp + fp + fn);
        }

        double falseAlarmRate() {
            return (double) fp / (fp + tn);
        }

        double missedAlarmRate() {
            return (double) fn / (fn + tp);
        }

        long rows() {
            return tp + fp + fn + tn;
        }

        @Override
        public String toString() {
            return String.format("files=%d rows=%d TP=%d FP=%d FN=%d TN=%d F1=%.3f FAR=%.2f%% MAR=%.2f%%", files,
                    rows(), tp, fp, fn, tn, f1(), 100 * falseAlarmRate(), 100 * missedAlarmRate());
        }
    }

    private SkabEvaluation() {
    }

    /** Runs the protocol on every labelled file under {@code dataDir}. */
    static Result run(Path dataDir, PcaSpcOptions options, int window) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(p -> p.toString().endsWith(".csv"))
                    .filter(p -> !p.toString().contains("anomaly-free"))
                    .sorted()
                    .toList();
        }
        FeatureSchema schema = new FeatureSchema(SENSORS);
        PcaSpcTrainer trainer = new PcaSpcTrainer(options);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (Path file : files) {
            Run run = read(file);
            PcaSpcModel model = trainer.fit(Arrays.copyOf(run.x, TRAIN_ROWS), schema);
            int n = run.x.length - TRAIN_ROWS;
            double[] t2 = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                SpcStatistics s = model.statistics(run.x[TRAIN_ROWS + i]);
                t2[i] = s.t2();
                q[i] = s.q();
            }
            for (int i = 0; i < n; i++) {
                boolean predicted = i >= window - 1
                        && (median(t2, i - window + 1, i + 1) > model.t2Limit()
                        || median(q, i - window + 1, i + 1) > model.qLimit());
                boolean actual = run.anomaly[TRAIN_ROWS + i];
                if (predicted && actual) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (actual) {
                    fn++;
                } else {
                    tn++;
                }
            }
        }
        return new Result(files.size(), tp, fp, fn, tn);
    }

    private static double median(double[] values, int from, int to) {
        double[] window = Arrays.copyOfRange(values, from, to);
        Arrays.sort(window);
        int m = window.length / 2;
        return window.length % 2 == 1 ? window[m] : (window[m - 1] + window[m]) / 2;
    }

    private record Run(double[][] x, boolean[] anomaly) {
    }

    /** Reads a SKAB file: {@code ;}-separated, a header, columns found by name. */
    private static Run read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(";"));
        int[] columns = SENSORS.stream().mapToInt(header::indexOf).toArray();
        int anomalyColumn = header.indexOf("anomaly");
        if (anomalyColumn < 0 || Arrays.stream(columns).anyMatch(c -> c < 0)) {
            throw new IOException(file + " lacks a SKAB column; header: " + lines.get(0));
        }
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
            labels.add(Double.parseDouble(cells[anomalyColumn]) > 0.5);
        }
        boolean[] anomaly = new boolean[labels.size()];
        for (int i = 0; i < anomaly.length; i++) {
            anomaly[i] = labels.get(i);
        }
        return new Run(rows.toArray(double[][]::new), anomaly);
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/skab/data");
        PcaSpcOptions skab = new PcaSpcOptions().withVarianceFraction(0.85).withConfidence(0.999);
        System.out.println("SKAB's settings (85 % variance, 99.9 % limits, median of 5): "
                + run(data, skab, 5));
        System.out.println("module defaults (90 % variance, 99 % limits, median of 5):     "
                + run(data, new PcaSpcOptions(), 5));
        System.out.println("SKAB's settings without smoothing:                             "
                + run(data, skab, 1));
    }

}

package org.industry4.anomaly.autoencoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.industry4.anomaly.alarm.AlarmFilter;
import org.industry4.anomaly.alarm.AlarmOptions;
import org.industry4.anomaly.metrics.DetectionMetrics;
import org.industry4.core.FeatureSchema;

/**
 * Autoencoders on SKAB (Skoltech Anomaly Benchmark) with SKAB's outlier-detection protocol, for
 * information beside SKAB's published rows "Vanilla AE" (F1 0.39, FAR 2.59 %, MAR 75.15 %) and
 * "Conv-AE" (F1 0.78, FAR 13.55 %, MAR 28.02 %). Not a benchmark.
 *
 * <p>Protocol, as {@code org.industry4.anomaly.spc.SkabEvaluation}: every labelled {@code *.csv}
 * under the data folder; per file, fit on the first 400 rows and predict the rest; TP, FP, FN and
 * TN summed over the files ({@link DetectionMetrics#plus}).
 *
 * <p>A variant scores test row {@code t} with the window of the last {@code w} rows ending at
 * {@code t} ({@code w = 1}: the row alone, the "vanilla" autoencoder; {@code w > 1}: a dense
 * autoencoder over {@link SlidingWindows}), then turns the scores into per-row alarms against
 * {@code factor * threshold()} with one of the {@link Decision} rules. All but
 * {@link Decision#SKAB_ALL_WINDOWS} are causal, as online monitoring must be; that one copies SKAB's
 * Conv-AE notebook, which looks up to {@code w - 2} rows ahead.
 *
 * <p>The factor is chosen without the test parts, as the smallest of a fixed list whose
 * false-alarm rate stays at or below {@value #TARGET_FALSE_ALARM_RATE} on (a) the runs' training
 * parts (first {@value #CALIBRATION_TRAIN_ROWS} rows train, the next 150 are scored) or (b)
 * {@link #pseudoRuns} cut from SKAB's {@code anomaly-free} file. With the system property
 * {@code sweep} set, {@code main} also prints every factor's test figures: information that uses
 * the test labels, not a way to choose.
 *
 * <p>{@code main} arguments: the SKAB {@code data} folder (default {@code ../shared/data/skab/data})
 * and optionally a comma-separated list of window lengths (default {@code 1,10,30,60}).
 */
final class SkabAutoencoderEvaluation {

    static final int TRAIN_ROWS = 400;
    /** Length of a pseudo-run cut from {@code anomaly-free}: about a labelled file's. */
    static final int PSEUDO_RUN_ROWS = 1150;
    static final double TARGET_FALSE_ALARM_RATE = 0.10;
    /** Rows that train when a run's training part is split for calibration; the rest are scored. */
    static final int CALIBRATION_TRAIN_ROWS = 250;

    /** How window scores become per-row alarms. */
    enum Decision {
        /** Trailing median of {@code k} scores of windows ending at each row, above the threshold. */
        CAUSAL_MEDIAN,
        /**
         * The module's {@code AlarmFilter}: an alarm starts when 10 of the last 20 scores are above
         * the threshold and ends after 20 in a row at or below it; a row is predicted anomalous
         * while an alarm is active.
         */
        ALARM_FILTER,
        /** SKAB Conv-AE notebook's rule: all windows containing the row above the threshold (looks ahead). */
        SKAB_ALL_WINDOWS
    }

    /**
     * One detector configuration.
     *
     * @param window   rows per window (1: one row)
     * @param factor   the alarm threshold is {@code factor * model.threshold()}
     * @param median   trailing median length of the scores (1: none); {@link Decision#CAUSAL_MEDIAN} only
     */
    record Variant(String name, int window, AutoencoderOptions options, double factor, int median,
                   Decision decision) {

        Variant withFactor(double factor) {
            return new Variant(name, window, options, factor, median, decision);
        }

        Variant withMedian(int median) {
            return new Variant(name, window, options, factor, median, decision);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s w=%d %s%s x%.2f", name, window, decision,
                    decision == Decision.CAUSAL_MEDIAN ? " k=" + median : "", factor);
        }
    }

    /** Scores of one run's test part (and for the look-ahead rule, of every window), with the model threshold. */
    record Scored(double[] scores, double threshold, boolean[] labels) {
    }

    private SkabAutoencoderEvaluation() {
    }

    /** The vanilla dense autoencoder on single rows. */
    static Variant vanilla() {
        return new Variant("vanilla AE", 1, new AutoencoderOptions()
                .withValidation(0.2, AutoencoderOptions.ValidationSplit.LAST), 1.0, 1, Decision.CAUSAL_MEDIAN);
    }

    /** A dense autoencoder on windows of {@code w} rows (8 sensors each). */
    static Variant windowed(int w) {
        AutoencoderOptions options = new AutoencoderOptions()
                .withLayers(List.of(64), 16)
                .withValidation(0.2, AutoencoderOptions.ValidationSplit.LAST)
                .withEpochs(200, 10);
        return new Variant("windowed AE", w, options, 1.0, 1, Decision.CAUSAL_MEDIAN);
    }

    /** Trains on the first {@code trainRows} rows of {@code run} and scores every later row. */
    static Scored score(SkabData.Run run, Variant v, int trainRows) {
        FeatureSchema schema = SlidingWindows.schema(SkabData.SENSORS, v.window());
        double[][] train = SlidingWindows.windows(Arrays.copyOf(run.x(), trainRows), v.window());
        AutoencoderModel model = new AutoencoderTrainer(v.options()).fit(train, schema);
        int n = run.x().length - trainRows;
        double[][] test = new double[n][];
        for (int i = 0; i < n; i++) {
            test[i] = SlidingWindows.window(run.x(), trainRows + i, v.window());
        }
        return new Scored(model.scoreAll(test), model.threshold(),
                Arrays.copyOfRange(run.anomaly(), trainRows, run.x().length));
    }

    /** Per test row, whether the variant alarms. */
    static boolean[] predict(Scored s, Variant v) {
        int n = s.scores().length;
        double limit = v.factor() * s.threshold();
        boolean[] predicted = new boolean[n];
        if (v.decision() == Decision.CAUSAL_MEDIAN) {
            int k = v.median();
            for (int i = k - 1; i < n; i++) {
                predicted[i] = median(s.scores(), i - k + 1, i + 1) > limit;
            }
        } else if (v.decision() == Decision.ALARM_FILTER) {
            Instant[] times = new Instant[n];
            for (int i = 0; i < n; i++) {
                times[i] = Instant.ofEpochSecond(i);
            }
            AlarmOptions alarm = AlarmOptions.threshold(limit).withDebounce(10, 20).withClear(limit, 20);
            predicted = AlarmFilter.activeMask(alarm, times, s.scores());
        } else {
            // Window ending at t covers t-w+1 .. t; row t is in the windows ending at t .. t+w-1.
            // SKAB's slice leaves out the window that starts at the row (ending at t+w-1).
            int w = v.window();
            for (int t = 0; t + w - 2 < n; t++) {
                boolean all = true;
                for (int e = t; e <= t + w - 2 && all; e++) {
                    all = s.scores()[e] > limit;
                }
                predicted[t] = all;
            }
        }
        return predicted;
    }

    /** Runs the protocol on {@code runs} for every factor of {@code variants} on shared fits. */
    static DetectionMetrics evaluate(List<Scored> scored, Variant v) {
        DetectionMetrics total = new DetectionMetrics(0, 0, 0, 0);
        for (Scored s : scored) {
            total = total.plus(DetectionMetrics.of(predict(s, v), s.labels()));
        }
        return total;
    }

    static List<Scored> scoreAll(List<SkabData.Run> runs, Variant v, int trainRows) {
        List<Scored> out = new ArrayList<>();
        for (SkabData.Run run : runs) {
            out.add(score(run, v, trainRows));
        }
        return out;
    }

    /**
     * The training parts of the labelled runs as their own small test: each run's first
     * {@value #TRAIN_ROWS} rows, of which the first {@value #CALIBRATION_TRAIN_ROWS} train and the
     * rest are scored. Only training rows are used, and they are (almost all) normal.
     */
    static List<SkabData.Run> trainingParts(List<SkabData.Run> runs) {
        List<SkabData.Run> out = new ArrayList<>();
        for (SkabData.Run run : runs) {
            out.add(new SkabData.Run(run.name() + "[0, " + TRAIN_ROWS + ")", Arrays.copyOf(run.x(), TRAIN_ROWS),
                    Arrays.copyOf(run.anomaly(), TRAIN_ROWS)));
        }
        return out;
    }

    /** {@code anomaly-free} cut into consecutive runs of {@value #PSEUDO_RUN_ROWS} rows, none labelled. */
    static List<SkabData.Run> pseudoRuns(SkabData.Run anomalyFree) {
        List<SkabData.Run> runs = new ArrayList<>();
        double[][] x = anomalyFree.x();
        for (int from = 0; from + PSEUDO_RUN_ROWS <= x.length; from += PSEUDO_RUN_ROWS) {
            runs.add(new SkabData.Run("anomaly-free@" + from, Arrays.copyOfRange(x, from, from + PSEUDO_RUN_ROWS),
                    new boolean[PSEUDO_RUN_ROWS]));
        }
        return runs;
    }

    /** The fraction of pseudo-run test rows the variant alarms on: its false-alarm rate there. */
    static double falseAlarmRate(List<Scored> pseudo, Variant v) {
        return evaluate(pseudo, v).falseAlarmRate();
    }

    /** The smallest factor of {@code factors} whose pseudo-run false-alarm rate is at most the target. */
    static double chooseFactor(List<Scored> pseudo, Variant v, double[] factors) {
        for (double f : factors) {
            if (falseAlarmRate(pseudo, v.withFactor(f)) <= TARGET_FALSE_ALARM_RATE) {
                return f;
            }
        }
        return factors[factors.length - 1];
    }

    private static double median(double[] values, int from, int to) {
        double[] window = Arrays.copyOfRange(values, from, to);
        Arrays.sort(window);
        int m = window.length / 2;
        return window.length % 2 == 1 ? window[m] : (window[m - 1] + window[m]) / 2;
    }

    static String line(Variant v, DetectionMetrics m, double partsFar, double pseudoFar) {
        return String.format(Locale.ROOT, "%-58s F1 %.3f FAR %5.2f %% MAR %5.2f %% | FAR parts %5.2f %%, anomaly-free"
                + " %5.2f %%", v, m.f1(), 100 * m.falseAlarmRate(), 100 * m.missedAlarmRate(), 100 * partsFar,
                100 * pseudoFar);
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/skab/data");
        List<SkabData.Run> runs = SkabData.labelledRuns(data);
        List<SkabData.Run> parts = trainingParts(runs);
        List<SkabData.Run> pseudo = pseudoRuns(SkabData.anomalyFree(data));
        double[] factors = {1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0};
        int[] windows = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10, 30, 60};
        System.out.println(runs.size() + " labelled runs; factor chosen for a false-alarm rate <= "
                + TARGET_FALSE_ALARM_RATE + " on (a) the runs' training parts (" + CALIBRATION_TRAIN_ROWS
                + " rows train, " + (TRAIN_ROWS - CALIBRATION_TRAIN_ROWS) + " scored) or (b) " + pseudo.size()
                + " pseudo-runs of " + PSEUDO_RUN_ROWS + " rows cut from anomaly-free");
        for (int w : windows) {
            Variant base = w == 1 ? vanilla() : windowed(w);
            long start = System.nanoTime();
            List<Scored> test = scoreAll(runs, base, TRAIN_ROWS);
            List<Scored> calibration = scoreAll(parts, base, CALIBRATION_TRAIN_ROWS);
            List<Scored> free = scoreAll(pseudo, base, TRAIN_ROWS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "w=%d: %s; %d x 3 fits and scoring in %.1f s%n", w, base.options(),
                    runs.size(), seconds);
            for (Decision d : Decision.values()) {
                if (w < 2 && d == Decision.SKAB_ALL_WINDOWS) {
                    continue;
                }
                Variant v = new Variant(base.name(), w, base.options(), 1.0, d == Decision.CAUSAL_MEDIAN ? 5 : 1, d);
                double fromParts = chooseFactor(calibration, v, factors);
                double fromFree = chooseFactor(free, v, factors);
                System.out.println("  " + line(v, evaluate(test, v), falseAlarmRate(calibration, v),
                        falseAlarmRate(free, v)) + "  threshold rule alone");
                Variant a = v.withFactor(fromParts);
                System.out.println("  " + line(a, evaluate(test, a), falseAlarmRate(calibration, a),
                        falseAlarmRate(free, a)) + "  (a) factor from training parts");
                Variant b = v.withFactor(fromFree);
                System.out.println("  " + line(b, evaluate(test, b), falseAlarmRate(calibration, b),
                        falseAlarmRate(free, b)) + "  (b) factor from anomaly-free");
                if (System.getProperty("sweep") != null) {
                    for (double f : factors) {
                        Variant x = v.withFactor(f);
                        System.out.println("    sweep " + line(x, evaluate(test, x), falseAlarmRate(calibration, x),
                                falseAlarmRate(free, x)));
                    }
                }
            }
        }
    }
}

package org.industry4.benchmarks;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.industry4.anomaly.FrameScore;
import org.industry4.anomaly.FrameScorer;
import org.industry4.anomaly.alarm.AlarmFilter;
import org.industry4.anomaly.alarm.AlarmOptions;
import org.industry4.anomaly.alarm.AlarmStarted;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.anomaly.iforest.IsolationForestOptions;
import org.industry4.anomaly.iforest.IsolationForestTrainer;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;

/**
 * The generated fleet of {@code kafka-fleet}: assets of five signals with normal noise, every
 * fourth asset with a fault burst of {@value #BURST} frames in every {@value #PERIOD} (at a phase of
 * its own, so alarms are spread over the run), the Isolation Forest trained on normal frames, and
 * the alarms one sequential pass over the frames must raise.
 *
 * <p>Frame {@code j} of a run belongs to asset {@code j % assets}; its values depend only on the
 * seed, the asset and the asset's frame number {@code j / assets}, so they are generated at send
 * time and again for the check.
 */
final class KafkaFleetData {

    static final FeatureSchema SCHEMA = FeatureSchema.of("spindle_temp", "vibration", "current", "pressure", "speed");
    static final int PERIOD = 200;
    static final int BURST = 20;
    static final int TRAINING_ROWS = 10_000;
    static final double CONTAMINATION = 0.01;

    private static final double[] MEAN = {50, 2, 10, 6, 3_000};
    private static final double[] SD = {1, 0.1, 0.5, 0.2, 20};
    /** The shift of each signal during a fault, in standard deviations. */
    private static final double[] FAULT = {6, 12, 0, -5, 0};
    private static final Quality[] GOOD = filled(Quality.GOOD);

    private final int assets;
    private final long seed;
    private final String[] names;

    KafkaFleetData(int assets, long seed) {
        if (assets < 1) {
            throw new IllegalArgumentException("assets must be >= 1, got " + assets);
        }
        this.assets = assets;
        this.seed = seed;
        this.names = new String[assets];
        for (int i = 0; i < assets; i++) {
            names[i] = String.format("cnc-%05d", i);
        }
    }

    int assets() {
        return assets;
    }

    /** The asset id of asset {@code i}, the record key. */
    String name(int i) {
        return names[i];
    }

    /** Whether frame {@code k} of asset {@code asset} lies in a fault burst. */
    static boolean faulty(int asset, long k) {
        return asset % 4 == 0 && Math.floorMod(k + asset * 37L, PERIOD) < BURST;
    }

    /** Frame {@code k} of asset {@code asset}, at {@code time}. */
    TelemetryFrame frame(int asset, long k, Instant time) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + asset * 1_000_003L + k);
        boolean fault = faulty(asset, k);
        double[] values = new double[MEAN.length];
        for (int s = 0; s < values.length; s++) {
            values[s] = MEAN[s] + SD[s] * (r.nextGaussian() + (fault ? FAULT[s] : 0));
        }
        return new TelemetryFrame(time, SCHEMA, values, GOOD);
    }

    /** Frames sent of asset {@code asset} when {@code records} frames are sent in all. */
    long framesOf(int asset, long records) {
        return records / assets + (asset < records % assets ? 1 : 0);
    }

    /** An Isolation Forest of 100 trees on sub-samples of 256, trained on {@value #TRAINING_ROWS} normal frames. */
    IsolationForestModel train() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[][] rows = new double[TRAINING_ROWS][MEAN.length];
        for (double[] row : rows) {
            for (int s = 0; s < row.length; s++) {
                row[s] = MEAN[s] + SD[s] * r.nextGaussian();
            }
        }
        IsolationForestOptions options = new IsolationForestOptions().withTrees(100).withSampleSize(256)
                .withContamination(CONTAMINATION).withSeed(seed);
        return new IsolationForestTrainer(options).fit(rows, SCHEMA);
    }

    /**
     * The alarm events, as {@link #alarmKey} strings, that the topology's anomaly stage must emit
     * for {@code records} frames whose times are {@code time.apply(j)}: the model and each asset's
     * alarm filter run over every asset's frames in order, as {@code AnomalyStage} does.
     */
    Set<String> expectedAlarms(IsolationForestModel model, int records, IntFunction<Instant> time) {
        FrameScorer scorer = new FrameScorer(model);
        AlarmOptions options = AlarmOptions.threshold(model.threshold());
        AlarmFilter[] filters = new AlarmFilter[assets];
        Arrays.setAll(filters, i -> new AlarmFilter(options));
        Set<String> alarms = new HashSet<>();
        for (int j = 0; j < records; j++) {
            int asset = j % assets;
            TelemetryFrame frame = frame(asset, j / assets, time.apply(j));
            FrameScore score = scorer.score(frame);
            int a = asset;
            filters[asset].update(frame.time(), score.score().getAsDouble()).ifPresent(e -> alarms.add(
                    alarmKey(names[a], e instanceof AlarmStarted ? "start" : "end", e.time())));
        }
        return alarms;
    }

    /** The identity of one alarm event: asset, event and the time of the frame that raised or ended it. */
    static String alarmKey(String asset, String event, Instant time) {
        return asset + ' ' + event + ' ' + time;
    }

    private static Quality[] filled(Quality q) {
        Quality[] a = new Quality[MEAN.length];
        Arrays.fill(a, q);
        return a;
    }
}

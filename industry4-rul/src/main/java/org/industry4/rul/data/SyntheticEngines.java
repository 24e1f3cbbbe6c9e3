package org.industry4.rul.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;

/**
 * Synthetic run-to-failure engines with a known degradation law, for tests: C-MAPSS-like but small
 * ({@link #SCHEMA}: three settings, eight sensors). Deterministic for a seed.
 *
 * <p>The law. Engine {@code e} (asset id {@code "synthetic/<e+1>"}) has a life {@code L} drawn
 * uniformly from the integers {@value #MIN_LIFE}..{@value #MAX_LIFE} and {@code L} rows, cycles
 * {@code t = 1..L}; it fails after its last row ({@code rulAtEnd == 0}), so row {@code t} has
 * {@code rul = L - t}. Its hidden health loss is
 * <pre>  h(t) = exp(RATE * (t - L)) = exp(-RATE * rul),   RATE = {@value #RATE}</pre>
 * (0 when new, 1 at failure). Each row has an operating condition {@code c}: always 0 when
 * {@code conditions == 1}, else drawn uniformly from {@code 0..conditions-1} per row. With
 * {@code N} a standard normal draw, fresh for every value:
 * <ul>
 *   <li>{@code setting_1 = 10 c + 0.001 N}, {@code setting_2 = 0.2 c + 0.001 N},
 *       {@code setting_3 = 100 - 20 c + 0.001 N} (near-constant with one condition);</li>
 *   <li>{@code sensor_j = BASE[j] + GAIN[j] * h(t) + OFFSET[j] * c + }{@value #NOISE}{@code  N} for
 *       {@code j = 1..5}, with {@code BASE = {10, 20, 30, 40, 50}}, {@code GAIN = {3, -2, 1.5, -1, 0.5}}
 *       and {@code OFFSET = {5, -4, 3, -2, 6}} (the per-condition offsets dwarf the degradation unless
 *       the data are scaled per condition);</li>
 *   <li>{@code sensor_6 = 1} (constant), {@code sensor_7} is 0 or 1 with probability 1/2 each (two
 *       values), {@code sensor_8 = N} (pure noise, no information).</li>
 * </ul>
 * So {@code rul = -ln(h) / RATE} is recoverable from sensors 1-5 once the condition offsets are
 * removed, up to the noise; a model that learns it predicts RUL well late in life and saturates
 * early, where {@code h} is below the noise.
 */
public final class SyntheticEngines {

    /** {@code setting_1, setting_2, setting_3, sensor_1 .. sensor_8}. */
    public static final FeatureSchema SCHEMA = FeatureSchema.of("setting_1", "setting_2", "setting_3",
            "sensor_1", "sensor_2", "sensor_3", "sensor_4", "sensor_5", "sensor_6", "sensor_7", "sensor_8");

    /** Shortest life in cycles. */
    public static final int MIN_LIFE = 128;
    /** Longest life in cycles. */
    public static final int MAX_LIFE = 320;
    /** Degradation rate of the health loss {@code h = exp(-RATE * rul)}. */
    public static final double RATE = 0.025;
    /** Standard deviation of the noise on sensors 1-5. */
    public static final double NOISE = 0.05;

    private static final double[] BASE = {10, 20, 30, 40, 50};
    private static final double[] GAIN = {3, -2, 1.5, -1, 0.5};
    private static final double[] OFFSET = {5, -4, 3, -2, 6};

    private SyntheticEngines() {
    }

    /** The noise-free health loss {@code exp(-RATE * rul)} of a row with {@code rul} cycles left. */
    public static double health(int rul) {
        return Math.exp(-RATE * rul);
    }

    /** The noise-free value of {@code sensor_j} ({@code j} in 1..5) at health loss {@code h} in condition {@code c}. */
    public static double sensor(int j, double h, int c) {
        if (j < 1 || j > 5) {
            throw new IllegalArgumentException("degrading sensors are 1..5, got " + j);
        }
        return BASE[j - 1] + GAIN[j - 1] * h + OFFSET[j - 1] * c;
    }

    /**
     * Generates run-to-failure engines following the law in the class description.
     *
     * @param engines    how many, {@code >= 1}
     * @param conditions operating conditions, 1..100
     * @param seed       the random seed
     */
    public static List<Trajectory> generate(int engines, int conditions, long seed) {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1, got " + engines);
        }
        if (conditions < 1 || conditions > 100) {
            throw new IllegalArgumentException("conditions must be in 1..100, got " + conditions);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>(engines);
        for (int e = 0; e < engines; e++) {
            int life = MIN_LIFE + random.nextInt(MAX_LIFE - MIN_LIFE + 1);
            double[][] rows = new double[life][SCHEMA.size()];
            for (int i = 0; i < life; i++) {
                int c = conditions == 1 ? 0 : random.nextInt(conditions);
                double[] row = rows[i];
                row[0] = 10.0 * c + 0.001 * gaussian(random);
                row[1] = 0.2 * c + 0.001 * gaussian(random);
                row[2] = 100.0 - 20.0 * c + 0.001 * gaussian(random);
                double h = health(life - 1 - i);
                for (int j = 1; j <= 5; j++) {
                    row[2 + j] = sensor(j, h, c) + NOISE * gaussian(random);
                }
                row[8] = 1.0;
                row[9] = random.nextBoolean() ? 1.0 : 0.0;
                row[10] = gaussian(random);
            }
            out.add(new Trajectory("synthetic/" + (e + 1), SCHEMA, rows, 0));
        }
        return List.copyOf(out);
    }

    /** A standard normal draw (Box-Muller, one value per call), the same on every JDK. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}

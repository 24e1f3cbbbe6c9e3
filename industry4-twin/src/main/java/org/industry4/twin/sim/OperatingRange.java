package org.industry4.twin.sim;

import java.util.Map;
import java.util.SplittableRandom;
import org.industry4.twin.dynamics.SetpointSchedule;

/**
 * Where random spindle operating schedules are drawn from: segments of random length in
 * {@code [minHold, maxHold]} seconds, each with a speed, load and ambient temperature drawn
 * uniformly from their ranges and coolant on with probability {@code coolantProbability}.
 *
 * <p>{@link #training()} is the range the twin is trained on (speed 500 to 8000 rpm, ambient 18
 * to 24 C); {@link #outOfRange()} the extrapolation test (speed 8000 to 12000 rpm, ambient 30 C).
 *
 * @param speedMin           rpm; &gt;= 0
 * @param speedMax           rpm; &gt;= speedMin
 * @param loadMin            in [0, 1]
 * @param loadMax            in [loadMin, 1]
 * @param ambientMin         C; finite
 * @param ambientMax         C; &gt;= ambientMin
 * @param coolantProbability in [0, 1]
 * @param minHold            seconds; &gt; 0
 * @param maxHold            seconds; &gt;= minHold
 */
public record OperatingRange(double speedMin, double speedMax, double loadMin, double loadMax, double ambientMin,
                             double ambientMax, double coolantProbability, double minHold, double maxHold) {

    public OperatingRange {
        SpindleThermalParameters.nonNegative("speedMin", speedMin);
        ordered("speedMax", speedMax, "speedMin", speedMin);
        if (!(loadMin >= 0 && loadMin <= 1)) {
            throw new IllegalArgumentException("loadMin must be in [0, 1], got " + loadMin);
        }
        if (!(loadMax >= loadMin && loadMax <= 1)) {
            throw new IllegalArgumentException("loadMax must be in [loadMin=" + loadMin + ", 1], got " + loadMax);
        }
        if (!Double.isFinite(ambientMin)) {
            throw new IllegalArgumentException("ambientMin must be finite, got " + ambientMin);
        }
        ordered("ambientMax", ambientMax, "ambientMin", ambientMin);
        if (!(coolantProbability >= 0 && coolantProbability <= 1)) {
            throw new IllegalArgumentException("coolantProbability must be in [0, 1], got " + coolantProbability);
        }
        SpindleThermalParameters.positive("minHold", minHold);
        ordered("maxHold", maxHold, "minHold", minHold);
    }

    private static void ordered(String name, double v, String lowerName, double lower) {
        if (!(v >= lower) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= " + lowerName + "=" + lower + ", got " + v);
        }
    }

    /** The training range: 500..8000 rpm, load 0..1, ambient 18..24 C, coolant half the time, 5..20 min holds. */
    public static OperatingRange training() {
        return new OperatingRange(500, 8000, 0, 1, 18, 24, 0.5, 300, 1200);
    }

    /** The out-of-range test: 8000..12000 rpm, load 0..1, ambient 30 C, coolant half the time, 5..20 min holds. */
    public static OperatingRange outOfRange() {
        return new OperatingRange(8000, 12000, 0, 1, 30, 30, 0.5, 300, 1200);
    }

    /**
     * A random schedule over {@code [0, horizon]} with inputs {@link SpindleThermalPhysics#SPEED},
     * {@link SpindleThermalPhysics#LOAD}, {@link SpindleThermalPhysics#AMBIENT} and
     * {@link SpindleThermalPhysics#COOLANT}.
     */
    public SetpointSchedule schedule(double horizon, long seed) {
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and > 0, got " + horizon);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        SetpointSchedule.Builder b = SetpointSchedule.builder();
        double t = 0;
        while (t < horizon) {
            b.at(t, Map.of(
                    SpindleThermalPhysics.SPEED, uniform(rnd, speedMin, speedMax),
                    SpindleThermalPhysics.LOAD, uniform(rnd, loadMin, loadMax),
                    SpindleThermalPhysics.AMBIENT, uniform(rnd, ambientMin, ambientMax),
                    SpindleThermalPhysics.COOLANT, rnd.nextDouble() < coolantProbability ? 1.0 : 0.0));
            t += uniform(rnd, minHold, maxHold);
        }
        return b.until(horizon).build();
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return hi > lo ? lo + (hi - lo) * rnd.nextDouble() : lo;
    }
}

package org.industry4.examples.factory.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Axis ticks: "nice" 1-2-5 steps for numbers, calendar-friendly steps (1, 2, 5, 10, 15, 30 s or min,
 * 1, 2, 3, 6, 12 h, 1, 2, 7, 14 days, then 1-2-5 multiples of days) for time in epoch milliseconds,
 * labelled in UTC.
 */
final class AxisTicks {

    /** Calendar-friendly time steps in milliseconds, ascending; beyond the last, 1-2-5 multiples of a day. */
    private static final long[] TIME_STEPS = {
        1, 2, 5, 10, 20, 50, 100, 200, 500,
        1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
        86_400_000, 172_800_000, 604_800_000, 1_209_600_000 };
    private static final long DAY = 86_400_000L;

    /**
     * Ticks {@code values[0] <= min <= max <= values[last]}, equally spaced by {@code step}; the axis runs
     * from the first to the last tick. {@code decimals} is the number of decimals a label needs.
     */
    record Ticks(double step, double[] values, int decimals) {
        double first() {
            return values[0];
        }

        double last() {
            return values[values.length - 1];
        }
    }

    private AxisTicks() {
    }

    /**
     * About {@code target} ticks (never fewer than 2) covering {@code [min, max]} with a step of 1, 2 or
     * 5 times a power of ten; an empty range is widened around its value.
     *
     * @throws IllegalArgumentException if a bound is not finite, {@code min > max} or {@code target < 1}
     */
    static Ticks nice(double min, double max, int target) {
        checkRange(min, max, target);
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max / 2 - min / 2) * 2 / target;
        int exponent = (int) Math.floor(Math.log10(raw));
        double magnitude = Math.pow(10, exponent);
        double fraction = raw / magnitude;
        int mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        if (mantissa == 10) {
            mantissa = 1;
            exponent++;
            magnitude = Math.pow(10, exponent);
        }
        double step = mantissa * magnitude;
        return new Ticks(step, cover(min, max, step), Math.max(0, -exponent));
    }

    /**
     * About {@code target} ticks covering {@code [minMillis, maxMillis]} (epoch milliseconds) with a
     * calendar-friendly step; in UTC, a step of a whole unit falls on whole units (hours on the hour).
     *
     * @throws IllegalArgumentException if a bound is not finite, {@code min > max} or {@code target < 1}
     */
    static Ticks time(double minMillis, double maxMillis, int target) {
        checkRange(minMillis, maxMillis, target);
        if (minMillis == maxMillis) {
            minMillis -= 30_000;
            maxMillis += 30_000;
        }
        double raw = (maxMillis - minMillis) / target;
        long step = -1;
        for (long candidate : TIME_STEPS) {
            if (candidate >= raw) {
                step = candidate;
                break;
            }
        }
        if (step < 0) {
            step = (long) (nice(0, raw / DAY, 1).step() * DAY);
            step = Math.max(step, DAY);
        }
        return new Ticks(step, cover(minMillis, maxMillis, step), 0);
    }

    /** Labels for numeric ticks, each with {@code ticks.decimals()} decimals. */
    static String[] numberLabels(Ticks ticks) {
        String[] labels = new String[ticks.values().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Html.number(ticks.values()[i], ticks.decimals());
        }
        return labels;
    }

    /**
     * Labels for time ticks in UTC: {@code HH:mm:ss.SSS} below a second, {@code HH:mm:ss} below a minute,
     * {@code HH:mm} below a day (with {@code MM-dd} in front when the ticks span several dates),
     * {@code yyyy-MM-dd} from a day up.
     */
    static String[] timeLabels(Ticks ticks) {
        long step = (long) ticks.step();
        boolean oneDate = Math.floorDiv((long) ticks.first(), DAY) == Math.floorDiv((long) ticks.last(), DAY);
        String pattern = step < 1_000 ? "HH:mm:ss.SSS"
                : step < 60_000 ? "HH:mm:ss"
                : step < DAY ? (oneDate ? "HH:mm" : "MM-dd HH:mm")
                : "yyyy-MM-dd";
        DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        String[] labels = new String[ticks.values().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = format.format(Instant.ofEpochMilli((long) ticks.values()[i]));
        }
        return labels;
    }

    /** The UTC date of the ticks when they all fall on one date and are labelled by time of day, else null. */
    static String commonDate(Ticks ticks) {
        long step = (long) ticks.step();
        long firstDay = Math.floorDiv((long) ticks.first(), DAY);
        if (step >= DAY || firstDay != Math.floorDiv((long) ticks.last(), DAY)) {
            return null;
        }
        return DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli((long) ticks.first()));
    }

    private static double[] cover(double min, double max, double step) {
        long first = (long) Math.floor(min / step);
        long last = (long) Math.ceil(max / step);
        // the divisions may round a step the wrong way (|min| / step near 1e11): settle on the
        // largest multiple at or below min and the smallest at or above max
        while (first * step > min) {
            first--;
        }
        while ((first + 1) * step <= min) {
            first++;
        }
        while (last * step < max) {
            last++;
        }
        while ((last - 1) * step >= max) {
            last--;
        }
        if (last == first) {
            last++;
        }
        double[] values = new double[(int) (last - first + 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (first + i) * step;
        }
        return values;
    }

    private static void checkRange(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis range must be finite, got [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("axis min must be <= max, got [" + min + ", " + max + "]");
        }
        if (target < 1) {
            throw new IllegalArgumentException("target tick count must be >= 1, got " + target);
        }
    }
}

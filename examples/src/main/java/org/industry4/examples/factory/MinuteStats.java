package org.industry4.examples.factory;

import java.util.Arrays;

/**
 * One simulated minute of a machine, built second by second: the mean of each analog signal
 * ({@link Plant#ANALOG}, NaN readings left out), the spindle temperature at the minute's start,
 * and whether the machine cut. Live analytics and offline training both summarise minutes through
 * this class, so the RUL network and the twin see the same rows in both. Not thread-safe.
 */
final class MinuteStats {

    static final int SECONDS = 60;

    private final double[] sum = new double[Plant.ANALOG.size()];
    private final int[] count = new int[Plant.ANALOG.size()];
    private int seconds;
    private boolean cut;
    private double startTemp = Double.NaN;

    /** Adds one second: the analog readings (NaN where bad) and whether the machine was cutting. */
    void add(double[] analog, boolean cutting) {
        if (seconds == 0) {
            startTemp = analog[Plant.SPINDLE_TEMP];
        }
        for (int i = 0; i < sum.length; i++) {
            if (!Double.isNaN(analog[i])) {
                sum[i] += analog[i];
                count[i]++;
            }
        }
        cut |= cutting;
        seconds++;
    }

    boolean full() {
        return seconds >= SECONDS;
    }

    /** The mean of each analog signal; NaN for a signal with no reading this minute. */
    double[] means() {
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        return m;
    }

    /** The RUL row: mean spindle speed, vibration, bearing and spindle temperature, motor current. */
    double[] rulRow() {
        return Arrays.copyOf(means(), 5);
    }

    boolean cut() {
        return cut;
    }

    /** The spindle temperature read at the minute's first second (NaN if that reading was bad). */
    double startTemp() {
        return startTemp;
    }

    void reset() {
        Arrays.fill(sum, 0);
        Arrays.fill(count, 0);
        seconds = 0;
        cut = false;
        startTemp = Double.NaN;
    }
}

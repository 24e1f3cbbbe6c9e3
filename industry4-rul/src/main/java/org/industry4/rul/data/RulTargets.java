package org.industry4.rul.data;

/** Training targets for remaining useful life. */
public final class RulTargets {

    /** The usual cap of piecewise-linear C-MAPSS targets: RUL above 125 cycles is learnt as 125. */
    public static final double DEFAULT_CAP = 125;

    private RulTargets() {
    }

    /**
     * The piecewise-linear target of every row: row {@code i} of {@code cycles} rows gets
     * {@code min(cap, cycles - 1 - i + rulAtEnd)}; constant early in life, falling linearly to
     * {@code rulAtEnd} at the last row.
     *
     * @param cycles   rows, {@code >= 1}
     * @param rulAtEnd remaining life after the last row, {@code >= 0}
     * @param cap      the ceiling, {@code > 0}; {@link Double#POSITIVE_INFINITY} gives plain linear targets
     */
    public static double[] piecewiseLinear(int cycles, int rulAtEnd, double cap) {
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be >= 1, got " + cycles);
        }
        if (rulAtEnd < 0) {
            throw new IllegalArgumentException("rulAtEnd must be >= 0, got " + rulAtEnd);
        }
        if (!(cap > 0)) {
            throw new IllegalArgumentException("cap must be > 0, got " + cap);
        }
        double[] out = new double[cycles];
        for (int i = 0; i < cycles; i++) {
            out[i] = Math.min(cap, (double) cycles - 1 - i + rulAtEnd);
        }
        return out;
    }

    /** {@link #piecewiseLinear(int, int, double)} of a trajectory whose remaining life is known. */
    public static double[] piecewiseLinear(Trajectory t, double cap) {
        if (!t.rulKnown()) {
            throw new IllegalArgumentException("trajectory " + t.assetId() + " has no known RUL");
        }
        return piecewiseLinear(t.cycles(), t.rulAtEnd(), cap);
    }
}

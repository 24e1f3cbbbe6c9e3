package org.industry4.twin.whatif;

import java.util.Objects;

/**
 * Settings of a {@link SetpointOptimiser}.
 *
 * @param gridPoints     points of the coarse grid over {@code [min, max]} (ends included) used to
 *                       bracket the feasibility boundary and check monotonicity; 2 .. 1000
 * @param relativeResolution the bisection stops when the bracket is narrower than this fraction of
 *                       {@code max - min}; in (0, 0.5]
 * @param whatIf         how each candidate is simulated
 */
public record OptimiserOptions(int gridPoints, double relativeResolution, WhatIfOptions whatIf) {

    public OptimiserOptions {
        Objects.requireNonNull(whatIf, "whatIf");
        if (gridPoints < 2 || gridPoints > 1000) {
            throw new IllegalArgumentException("gridPoints must be in 2 .. 1000, got " + gridPoints);
        }
        if (!(relativeResolution > 0 && relativeResolution <= 0.5)) {
            throw new IllegalArgumentException("relativeResolution must be in (0, 0.5], got " + relativeResolution);
        }
    }

    /** A 9-point grid, resolution 1e-4 of the range, default what-if options. */
    public OptimiserOptions() {
        this(9, 1e-4, new WhatIfOptions());
    }

    /** A copy with this grid size. */
    public OptimiserOptions withGridPoints(int gridPoints) {
        return new OptimiserOptions(gridPoints, relativeResolution, whatIf);
    }

    /** A copy with this resolution. */
    public OptimiserOptions withRelativeResolution(double relativeResolution) {
        return new OptimiserOptions(gridPoints, relativeResolution, whatIf);
    }

    /** A copy with these what-if options. */
    public OptimiserOptions withWhatIf(WhatIfOptions whatIf) {
        return new OptimiserOptions(gridPoints, relativeResolution, whatIf);
    }
}

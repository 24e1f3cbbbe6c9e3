package org.industry4.routing.improve;

import java.util.concurrent.Executor;

/**
 * Settings of the SISR improvement phase (Christiaens &amp; Vanden Berghe 2020, "Slack induction by
 * string removals for vehicle routing problems"). The defaults are the paper's.
 *
 * <p>Determinism: every search draws from its own {@link java.util.SplittableRandom} whose seed is
 * derived from the solve's seed and the search's index. With {@code maxIterations > 0} each search
 * stops after that many iterations and its temperature follows the iteration count, so the result
 * depends only on the seed and the thread count (provided the time limit is not reached first).
 * With {@code maxIterations == 0} the searches stop at the time limit and cool down with the
 * elapsed time: the result then depends on the machine's speed and load.
 *
 * @param maxIterations iterations per search, 0 for "until the time limit" (the default)
 * @param initialTemperature the simulated-annealing start temperature T0, in cost units (100)
 * @param finalTemperature the end temperature Tf, in cost units (1), {@code <= initialTemperature}
 * @param scaleTemperatures when true (the default) both temperatures are multiplied by the
 *     instance's mean distance between customers divided by 521.4, the mean distance of points
 *     uniform in a 1000 x 1000 square (the X instances the paper tuned on); this keeps the
 *     acceptance behaviour the same on instances drawn at another scale
 * @param averageRemoved c̄, the average number of customers removed per ruin (10)
 * @param maxStringLength L_max, the longest string removed from one route (10)
 * @param splitRate the probability that a string removal is a split-string removal (0.5)
 * @param splitDepth α, the probability that the preserved substring of a split string stops growing
 *     at each step (0.01)
 * @param blinkRate the probability of skipping a candidate insertion position (0.01)
 * @param initialTimeShare the share of the time limit given to the initial solver in
 *     {@link ImprovedSolver} (0.1), in {@code (0, 1)}
 * @param executor where the parallel searches run; null (the default) to create a fixed pool of
 *     the solve's thread count for the solve and shut it down at its end
 */
public record ImproveOptions(long maxIterations, double initialTemperature, double finalTemperature,
        boolean scaleTemperatures, double averageRemoved, int maxStringLength, double splitRate, double splitDepth,
        double blinkRate, double initialTimeShare, Executor executor) {

    /** The mean distance of two points uniform in a 1000 x 1000 square: the temperatures' reference scale. */
    public static final double REFERENCE_MEAN_DISTANCE = 521.4;

    public ImproveOptions {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0 (0 = until the time limit), got "
                    + maxIterations);
        }
        if (!(initialTemperature > 0) || Double.isInfinite(initialTemperature)) {
            throw new IllegalArgumentException("initialTemperature must be finite and > 0, got " + initialTemperature);
        }
        if (!(finalTemperature > 0) || finalTemperature > initialTemperature) {
            throw new IllegalArgumentException("finalTemperature must be > 0 and <= initialTemperature "
                    + initialTemperature + ", got " + finalTemperature);
        }
        if (!(averageRemoved >= 1) || Double.isInfinite(averageRemoved)) {
            throw new IllegalArgumentException("averageRemoved must be finite and >= 1, got " + averageRemoved);
        }
        if (maxStringLength < 1) {
            throw new IllegalArgumentException("maxStringLength must be >= 1, got " + maxStringLength);
        }
        if (!(splitRate >= 0 && splitRate <= 1)) {
            throw new IllegalArgumentException("splitRate must be in [0, 1], got " + splitRate);
        }
        if (!(splitDepth > 0 && splitDepth <= 1)) {
            throw new IllegalArgumentException("splitDepth must be in (0, 1], got " + splitDepth);
        }
        if (!(blinkRate >= 0 && blinkRate < 1)) {
            throw new IllegalArgumentException("blinkRate must be in [0, 1), got " + blinkRate);
        }
        if (!(initialTimeShare > 0 && initialTimeShare < 1)) {
            throw new IllegalArgumentException("initialTimeShare must be in (0, 1), got " + initialTimeShare);
        }
    }

    /** The paper's settings: T0 100, Tf 1 (scaled), c̄ 10, L_max 10, split rate 0.5, α 0.01, blinks 0.01; 10 % initial time. */
    public ImproveOptions() {
        this(0, 100, 1, true, 10, 10, 0.5, 0.01, 0.01, 0.1, null);
    }

    /** These options with an iteration budget per search (0 = until the time limit). */
    public ImproveOptions withMaxIterations(long maxIterations) {
        return new ImproveOptions(maxIterations, initialTemperature, finalTemperature, scaleTemperatures,
                averageRemoved, maxStringLength, splitRate, splitDepth, blinkRate, initialTimeShare, executor);
    }

    /** These options with other simulated-annealing temperatures. */
    public ImproveOptions withTemperatures(double initial, double end, boolean scaled) {
        return new ImproveOptions(maxIterations, initial, end, scaled, averageRemoved, maxStringLength, splitRate,
                splitDepth, blinkRate, initialTimeShare, executor);
    }

    /** These options with another share of the time limit for the initial solver. */
    public ImproveOptions withInitialTimeShare(double share) {
        return new ImproveOptions(maxIterations, initialTemperature, finalTemperature, scaleTemperatures,
                averageRemoved, maxStringLength, splitRate, splitDepth, blinkRate, share, executor);
    }

    /** These options running the searches on {@code executor} (not shut down by us); null for an own pool. */
    public ImproveOptions withExecutor(Executor executor) {
        return new ImproveOptions(maxIterations, initialTemperature, finalTemperature, scaleTemperatures,
                averageRemoved, maxStringLength, splitRate, splitDepth, blinkRate, initialTimeShare, executor);
    }
}

package org.industry4.routing.improve;

import java.time.Duration;
import java.util.Objects;
import org.industry4.routing.Solution;

/**
 * What {@link Sisr#improve} returns.
 *
 * @param solution the best solution of all searches, its cost recomputed from the distances
 * @param initialCost the initial solution's cost, recomputed from the distances
 * @param iterations the iterations run by all searches together
 * @param searches the number of independent searches run
 * @param elapsed the wall-clock time taken
 */
public record SisrResult(Solution solution, double initialCost, long iterations, int searches, Duration elapsed) {

    public SisrResult {
        Objects.requireNonNull(solution, "solution");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Iterations per second over all searches. */
    public double iterationsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? iterations / seconds : 0;
    }
}

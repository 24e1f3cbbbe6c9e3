package org.industry4.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * What every solver accepts: a wall-clock time limit, the number of threads it may use, and a seed.
 * The same seed and thread count give the same solution.
 *
 * @param timeLimit the wall-clock budget, > 0
 * @param threads the number of threads, >= 1
 * @param seed the random seed
 */
public record SolveOptions(Duration timeLimit, int threads, long seed) {

    public SolveOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be > 0, got " + timeLimit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** 10 seconds, one thread, seed 1. */
    public SolveOptions() {
        this(Duration.ofSeconds(10), 1, 1);
    }

    public SolveOptions withTimeLimit(Duration timeLimit) {
        return new SolveOptions(timeLimit, threads, seed);
    }

    public SolveOptions withThreads(int threads) {
        return new SolveOptions(timeLimit, threads, seed);
    }

    public SolveOptions withSeed(long seed) {
        return new SolveOptions(timeLimit, threads, seed);
    }
}

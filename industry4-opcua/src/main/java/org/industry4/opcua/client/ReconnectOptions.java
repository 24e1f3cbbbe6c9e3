package org.industry4.opcua.client;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How the collector retries after it lost the server: exponential backoff with optional jitter.
 *
 * <p>The n-th retry (0-based) waits {@code min(maxDelay, initialDelay * multiplier^n)}, then, with a
 * jitter fraction {@code j > 0}, a factor drawn uniformly from {@code [1 - j, 1]} (a
 * {@link SplittableRandom} seeded with {@code seed}: the same seed gives the same delays). The first
 * retry starts {@code initialDelay} after the loss is noticed. The collector retries until it
 * reconnects or is closed.
 *
 * @param initialDelay delay before the first retry; at least 1 ms
 * @param maxDelay     cap on any delay; not below {@code initialDelay}
 * @param multiplier   growth per failed attempt; at least 1
 * @param jitter       fraction of the delay that is randomised, in {@code [0, 1)}; 0 = none
 * @param seed         seed of the jitter's random numbers
 */
public record ReconnectOptions(Duration initialDelay, Duration maxDelay, double multiplier,
                               double jitter, long seed) {

    public ReconnectOptions {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.toMillis() < 1) {
            throw new IllegalArgumentException("initialDelay must be at least 1 ms, got " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be below initialDelay "
                    + initialDelay + ", got " + maxDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** 250 ms doubling up to 4 s, 20 % jitter, seed 0: a restarted server is found within ~4 s. */
    public ReconnectOptions() {
        this(Duration.ofMillis(250), Duration.ofSeconds(4), 2.0, 0.2, 0L);
    }

    /** A fixed delay between retries, without jitter. */
    public static ReconnectOptions fixed(Duration delay) {
        return new ReconnectOptions(delay, delay, 1.0, 0.0, 0L);
    }

    /** A new sequence of delays following these options. */
    Backoff newBackoff() {
        return new Backoff(this);
    }

    /** The delays of one outage: a stateful, single-threaded sequence. */
    static final class Backoff {
        private final ReconnectOptions options;
        private final SplittableRandom random;
        private int attempt;

        private Backoff(ReconnectOptions options) {
            this.options = options;
            this.random = new SplittableRandom(options.seed());
        }

        /** The delay before the next attempt, in milliseconds; advances the sequence. */
        long nextDelayMillis() {
            double base = options.initialDelay().toMillis() * Math.pow(options.multiplier(), attempt);
            double capped = Math.min(options.maxDelay().toMillis(), base);
            attempt = Math.min(attempt + 1, 10_000);
            double factor = options.jitter() == 0.0 ? 1.0
                    : 1.0 - options.jitter() * random.nextDouble();
            return Math.max(1L, Math.round(capped * factor));
        }
    }
}

package org.industry4.opcua.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link DuckDbSink} commits what it has taken: after {@code flushRows} samples or once
 * the oldest uncommitted row is {@code flushInterval} old, whichever comes first. Both are checked
 * when samples arrive; {@link DuckDbSink#flush()} and {@link DuckDbSink#close()} commit at once.
 *
 * @param flushRows     commit once this many samples wait; positive
 * @param flushInterval commit when the oldest waiting row is at least this old, checked on the next
 *                      {@code accept}; zero or positive ({@link Duration#ZERO} commits every batch)
 */
public record DuckDbSinkOptions(int flushRows, Duration flushInterval) {

    /** The default number of samples per commit. */
    public static final int DEFAULT_FLUSH_ROWS = 50_000;

    /** The default age of the oldest uncommitted row at which a commit happens. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    public DuckDbSinkOptions {
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushRows <= 0) {
            throw new IllegalArgumentException("flushRows must be > 0, got " + flushRows);
        }
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval must be >= 0, got " + flushInterval);
        }
    }

    /** Commits every 50,000 samples or every second, whichever comes first. */
    public DuckDbSinkOptions() {
        this(DEFAULT_FLUSH_ROWS, DEFAULT_FLUSH_INTERVAL);
    }
}

package org.industry4.kafka.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning logged at most once per interval; the occurrences in between are counted and
 * reported with the next one, so a broker outage does not flood the log. Thread-safe.
 */
final class ThrottledWarning {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextDueNanos;
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
        this.nextDueNanos = new AtomicLong(System.nanoTime());
    }

    /** Logs {@code message} (an SLF4J pattern) at WARN if due, else counts it. */
    void warn(String message, Object... arguments) {
        long now = System.nanoTime();
        long due = nextDueNanos.get();
        if (now - due < 0 || !nextDueNanos.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long quiet = suppressed.getAndSet(0);
        if (quiet > 0) {
            log.warn("({} similar warnings since the last one)", quiet);
        }
        log.warn(message, arguments);
    }
}

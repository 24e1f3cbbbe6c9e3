package org.industry4.opcua.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue in front of a slower {@link TelemetrySink}: callers hand samples to
 * {@link #accept(List)} and return; one writer drains the queue into the downstream sink in batches
 * of up to {@link StoreAndForwardOptions#maxBatch()} samples. When the queue is full the
 * {@link BackPressure} policy decides, and every sample is counted in {@link #stats()}: nothing
 * accepted is dropped silently.
 *
 * <pre>{@code
 * try (StoreAndForward queue = StoreAndForward.start(DuckDbSink.open(file), new StoreAndForwardOptions())) {
 *     collector.start(queue);   // any TelemetrySource
 *     ...
 * }                             // drains, flushes and closes the DuckDB sink
 * }</pre>
 *
 * <h2>Order</h2>
 * The downstream sink sees samples, {@link #gap gaps} and {@link #describe descriptions} in the
 * order they were accepted (less any samples evicted under {@link BackPressure#DROP_OLDEST}). Gaps
 * and descriptions are not bounded by the capacity and are never evicted.
 *
 * <h2>Downstream failures</h2>
 * A downstream call that throws is retried after {@link StoreAndForwardOptions#retryBackoff()},
 * doubling up to 64 times that. The batch is kept, never skipped, so a downstream's {@code accept}
 * should take a batch whole or not at all (as {@link DuckDbSink} does). After
 * {@link StoreAndForwardOptions#retries()} failed retries the failure is surfaced: while it lasts,
 * {@code accept}, {@code describe}, {@code gap} and {@code flush} throw a {@link TelemetryException}
 * whose cause is the downstream's exception, taking nothing. The writer keeps retrying and clears
 * the failure when a call succeeds. {@link StoreAndForwardStats#downstreamFailures()} counts every
 * failed call.
 *
 * <h2>Ownership and threads</h2>
 * The queue owns the downstream sink: {@link #close()} closes it. The writer runs on a thread the
 * queue starts (a daemon named {@code industry4-store-and-forward}) or on an {@link Executor} the
 * caller supplies, which must run the task promptly and lets it occupy a thread until
 * {@code close()}. Only the writer calls the downstream sink, so it needs not be thread-safe.
 * Samples still queued when the JVM exits without {@code close()} are lost: close the queue.
 *
 * <p>Thread-safe: any number of threads may call {@code accept} and the other methods. A batch
 * is taken under one lock acquisition (no per-sample locking).
 */
public final class StoreAndForward implements TelemetrySink {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForward.class);

    /** The shortest time between two warnings about evicted samples. */
    private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Retry waits grow up to this multiple of the first. */
    private static final int MAX_BACKOFF_FACTOR = 64;

    /** Something other than samples that travels through the queue, after the samples before it. */
    private sealed interface Control permits Describe, Gap, Flush {
        /** The sequence number of the first sample accepted after this. */
        long position();
    }

    private record Describe(long position, List<SignalInfo> signals) implements Control {
    }

    private record Gap(long position, TelemetryGap gap) implements Control {
    }

    private record Flush(long position, long ticket) implements Control {
    }

    /** The writer's last flush, when closing; not in the queue. */
    private static final Flush FINAL_FLUSH = new Flush(Long.MAX_VALUE, Long.MAX_VALUE);

    private final TelemetrySink downstream;
    private final StoreAndForwardOptions options;

    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits here for samples or controls. */
    private final Condition work = lock.newCondition();
    /** Blocked callers wait here for room. */
    private final Condition room = lock.newCondition();
    /** Flushing callers wait here for their flush or a failure. */
    private final Condition progress = lock.newCondition();
    /** The writer waits here between retries. */
    private final Condition retryWait = lock.newCondition();
    private final CountDownLatch writerDone = new CountDownLatch(1);

    // The queue, guarded by lock: a ring of samples and the controls between them.
    private final TelemetrySample[] ring;
    private int head;
    private int size;
    /** The sequence number of ring[head]; every accepted sample has one, in order. */
    private long headSeq;
    private final ArrayDeque<Control> controls = new ArrayDeque<>();
    /** Samples taken by the writer and not yet written. */
    private int inFlight;

    // Counters and state, guarded by lock.
    private long accepted;
    private long written;
    private long dropped;
    private long rejected;
    private long downstreamFailures;
    private long maxQueueDepth;
    private long flushTickets;
    private long flushesDone;
    private long dropsSinceWarning;
    private long lastDropWarningNanos;
    /** The downstream's error once retries are exhausted; null while it works. */
    private RuntimeException failure;
    /** Why the writer stopped early (an interrupt or an Error); null if it did not. */
    private Throwable writerDeath;
    private RuntimeException downstreamCloseFailure;
    private boolean writerExited;
    private boolean closed;
    private boolean gaveUp;

    private StoreAndForward(TelemetrySink downstream, StoreAndForwardOptions options) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.options = Objects.requireNonNull(options, "options");
        this.ring = new TelemetrySample[options.capacity()];
    }

    /**
     * Starts a queue in front of {@code downstream}, drained by a thread of its own.
     *
     * @param downstream the sink to write to; owned (closed) by the queue from now on
     */
    public static StoreAndForward start(TelemetrySink downstream, StoreAndForwardOptions options) {
        StoreAndForward queue = new StoreAndForward(downstream, options);
        Thread writer = new Thread(queue::runWriter, "industry4-store-and-forward");
        writer.setDaemon(true);
        writer.start();
        return queue;
    }

    /**
     * Starts a queue in front of {@code downstream}, drained by a task run on {@code executor}. The
     * task holds a thread of the executor until {@link #close()}.
     *
     * @param downstream the sink to write to; owned (closed) by the queue once this returns
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the task;
     *         the downstream sink is then not closed
     */
    public static StoreAndForward start(TelemetrySink downstream, StoreAndForwardOptions options,
                                        Executor executor) {
        Objects.requireNonNull(executor, "executor");
        StoreAndForward queue = new StoreAndForward(downstream, options);
        executor.execute(queue::runWriter);
        return queue;
    }

    /** The options this queue runs with. */
    public StoreAndForwardOptions options() {
        return options;
    }

    /**
     * Queues a batch, applying the back-pressure policy when the queue is full.
     *
     * @throws QueueFullException    if the queue had no room for the whole batch (see
     *                               {@link BackPressure}), or under {@code BLOCK} the queue was
     *                               closed or the downstream began failing while the caller waited;
     *                               {@link QueueFullException#taken()} says how many samples from
     *                               the batch's start were taken
     * @throws TelemetryException    if the downstream sink is failing; nothing was taken
     * @throws IllegalStateException if the queue is closed
     */
    @Override
    public void accept(List<TelemetrySample> batch) {
        Objects.requireNonNull(batch, "batch");
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(batch.get(i), "sample");
        }
        lock.lock();
        try {
            ensureOpen();
            if (n == 0) {
                return;
            }
            if (failure != null || writerDeath != null) {
                rejected += n;
                throw failing();
            }
            switch (options.backPressure()) {
                case BLOCK -> offerBlocking(batch);
                case REJECT -> offerOrReject(batch);
                case DROP_OLDEST -> offerDroppingOldest(batch);
                default -> throw new AssertionError(options.backPressure());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a description of signals, delivered after the samples accepted before it.
     *
     * @throws TelemetryException    if the downstream sink is failing
     * @throws IllegalStateException if the queue is closed
     */
    @Override
    public void describe(List<SignalInfo> signals) {
        List<SignalInfo> copy = List.copyOf(signals);
        lock.lock();
        try {
            ensureWorking();
            enqueueControl(new Describe(headSeq + size, copy));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a gap, delivered after the samples accepted before it.
     *
     * @throws TelemetryException    if the downstream sink is failing
     * @throws IllegalStateException if the queue is closed
     */
    @Override
    public void gap(TelemetryGap gap) {
        Objects.requireNonNull(gap, "gap");
        lock.lock();
        try {
            ensureWorking();
            enqueueControl(new Gap(headSeq + size, gap));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything accepted before this call is written to the downstream sink and the
     * downstream sink is flushed.
     *
     * @throws TelemetryException    if the downstream sink fails (after the retries), the writer
     *                               stopped, or the calling thread is interrupted while waiting
     * @throws IllegalStateException if the queue is closed
     */
    @Override
    public void flush() {
        lock.lock();
        try {
            ensureWorking();
            long ticket = ++flushTickets;
            enqueueControl(new Flush(headSeq + size, ticket));
            while (flushesDone < ticket) {
                if (failure != null || writerDeath != null) {
                    throw failing();
                }
                if (writerExited) {
                    throw new TelemetryException("store-and-forward writer stopped before the flush completed");
                }
                try {
                    progress.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TelemetryException("interrupted while waiting for a flush of the "
                            + "store-and-forward queue", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking samples, writes everything accepted to the downstream sink, flushes and closes
     * it, and stops the writer. Waits for all of that, however slow the downstream is, unless the
     * downstream is failing: then, once the retries are spent, it gives up and throws a
     * {@link TelemetryException} saying how many accepted samples were not stored. Also throws if
     * closing the downstream sink fails. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            work.signalAll();
            room.signalAll();
            progress.signalAll();
            retryWait.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            try {
                writerDone.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (dropsSinceWarning > 0) {
                LOG.warn("store-and-forward queue dropped {} oldest samples since its last warning, "
                        + "{} in all", dropsSinceWarning, dropped);
                dropsSinceWarning = 0;
            }
            long unstored = size + (long) inFlight;
            long controlsLeft = controls.stream().filter(c -> !(c instanceof Flush)).count();
            if (unstored > 0 || controlsLeft > 0 || gaveUp) {
                Throwable cause = writerDeath != null ? writerDeath : failure;
                String what = unstored > 0 || controlsLeft > 0
                        ? "store-and-forward queue closed with " + unstored + " accepted samples and "
                                + controlsLeft + " gaps or descriptions not stored"
                        : "store-and-forward queue closed, but the downstream sink's final flush failed";
                TelemetryException e = new TelemetryException(what + ": "
                        + (cause == null ? "the writer stopped" : cause.toString()), cause);
                if (downstreamCloseFailure != null) {
                    e.addSuppressed(downstreamCloseFailure);
                }
                throw e;
            }
            if (downstreamCloseFailure != null) {
                throw new TelemetryException("cannot close the downstream sink of a store-and-forward "
                        + "queue: " + downstreamCloseFailure.getMessage(), downstreamCloseFailure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The counters now; {@code accepted == written + dropped + queued} holds in every snapshot. */
    public StoreAndForwardStats stats() {
        lock.lock();
        try {
            return new StoreAndForwardStats(accepted, written, size + (long) inFlight, dropped,
                    rejected, downstreamFailures, maxQueueDepth);
        } finally {
            lock.unlock();
        }
    }

    // --- callers' side, lock held --------------------------------------------------------------

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store-and-forward queue is closed");
        }
    }

    private void ensureWorking() {
        ensureOpen();
        if (failure != null || writerDeath != null) {
            throw failing();
        }
    }

    private TelemetryException failing() {
        if (writerDeath != null) {
            return new TelemetryException("store-and-forward writer stopped with " + (size + inFlight)
                    + " samples queued: " + writerDeath, writerDeath);
        }
        return new TelemetryException("downstream sink is failing (" + downstreamFailures
                + " failed calls so far, retrying) with " + (size + inFlight) + " samples queued: "
                + failure.getMessage(), failure);
    }

    private void offerBlocking(List<TelemetrySample> batch) {
        int n = batch.size();
        long remaining = saturatedNanos(options.offerTimeout());
        int i = 0;
        while (i < n) {
            int free = ring.length - size;
            if (free > 0) {
                int k = Math.min(free, n - i);
                enqueue(batch, i, i + k);
                i += k;
                continue;
            }
            if (closed || failure != null || writerDeath != null || remaining <= 0) {
                rejected += n - i;
                String why = closed ? "the queue was closed"
                        : failure != null || writerDeath != null ? "the downstream sink is failing"
                        : "the offer timeout of " + options.offerTimeout() + " passed";
                throw new QueueFullException("store-and-forward queue full (" + ring.length
                        + " samples): took " + i + " of a batch of " + n + " before " + why, i,
                        failure != null ? failure : writerDeath);
            }
            try {
                remaining = room.awaitNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rejected += n - i;
                throw new QueueFullException("interrupted while waiting for room in the "
                        + "store-and-forward queue: took " + i + " of a batch of " + n, i, e);
            }
        }
    }

    private void offerOrReject(List<TelemetrySample> batch) {
        int n = batch.size();
        if (n > ring.length - size) {
            rejected += n;
            throw new QueueFullException("store-and-forward queue full: no room for a batch of " + n
                    + " samples (" + size + " of " + ring.length + " queued)", 0, null);
        }
        enqueue(batch, 0, n);
    }

    private void offerDroppingOldest(List<TelemetrySample> batch) {
        int n = batch.size();
        int from = 0;
        if (n > ring.length) {
            // The batch alone overflows the queue: everything queued goes, then its own oldest.
            evict(size);
            int skip = n - ring.length;
            headSeq += skip;
            accepted += skip;
            dropped += skip;
            noteDrops(skip);
            from = skip;
        } else if (size + n > ring.length) {
            evict(size + n - ring.length);
        }
        enqueue(batch, from, n);
    }

    private void enqueue(List<TelemetrySample> batch, int from, int to) {
        int tail = head + size;
        if (tail >= ring.length) {
            tail -= ring.length;
        }
        for (int i = from; i < to; i++) {
            ring[tail] = batch.get(i);
            if (++tail == ring.length) {
                tail = 0;
            }
        }
        size += to - from;
        accepted += to - from;
        maxQueueDepth = Math.max(maxQueueDepth, size);
        work.signal();
    }

    private void evict(int count) {
        for (int i = 0; i < count; i++) {
            ring[head] = null;
            if (++head == ring.length) {
                head = 0;
            }
        }
        size -= count;
        headSeq += count;
        dropped += count;
        noteDrops(count);
    }

    private void noteDrops(long count) {
        if (count == 0) {
            return;
        }
        dropsSinceWarning += count;
        long now = System.nanoTime();
        if (lastDropWarningNanos == 0 || now - lastDropWarningNanos >= DROP_WARNING_INTERVAL_NANOS) {
            LOG.warn("store-and-forward queue full ({} samples): dropped {} oldest samples, {} in all; "
                    + "the downstream sink is slower than the stream", ring.length, dropsSinceWarning, dropped);
            dropsSinceWarning = 0;
            lastDropWarningNanos = now == 0 ? 1 : now;
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void enqueueControl(Control control) {
        controls.addLast(control);
        work.signal();
    }

    // --- writer's side ---------------------------------------------------------------------------

    private void runWriter() {
        ArrayList<TelemetrySample> batch = new ArrayList<>(Math.min(options.maxBatch(), ring.length));
        Throwable death = null;
        try {
            while (true) {
                Object item;
                lock.lock();
                try {
                    item = next(batch);
                } finally {
                    lock.unlock();
                }
                if (item == null) {
                    break;
                }
                boolean delivered = deliver(item, batch);
                lock.lock();
                try {
                    if (delivered && item == batch) {
                        written += inFlight;
                        inFlight = 0;
                    } else if (delivered && item instanceof Flush flush) {
                        flushesDone = flush.ticket();
                    }
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
                if (!delivered) {
                    break;
                }
                batch.clear();
            }
            boolean gaveUpNow;
            lock.lock();
            try {
                gaveUpNow = gaveUp;
            } finally {
                lock.unlock();
            }
            if (!gaveUpNow) {
                deliver(FINAL_FLUSH, batch);
            }
        } catch (InterruptedException e) {
            death = e;
            LOG.error("store-and-forward writer interrupted; queued samples stay unwritten");
        } catch (RuntimeException | Error e) {
            death = e;
            LOG.error("store-and-forward writer stopped: {}", e.toString(), e);
        } finally {
            RuntimeException closeFailure = null;
            try {
                downstream.close();
            } catch (RuntimeException e) {
                closeFailure = e;
                LOG.error("cannot close the downstream sink: {}", e.toString(), e);
            }
            lock.lock();
            try {
                downstreamCloseFailure = closeFailure;
                writerExited = true;
                if (death != null) {
                    writerDeath = death;
                }
                progress.signalAll();
                room.signalAll();
            } finally {
                lock.unlock();
            }
            writerDone.countDown();
        }
    }

    /**
     * The next thing to write, lock held: {@code batch} filled with samples, or a control; null
     * when closing and nothing is left. Waits while the queue is empty.
     */
    private Object next(ArrayList<TelemetrySample> batch) throws InterruptedException {
        while (true) {
            Control control = controls.peekFirst();
            if (control != null && control.position() <= headSeq) {
                return controls.pollFirst();
            }
            long limit = size;
            if (control != null) {
                limit = Math.min(limit, control.position() - headSeq);
            }
            if (limit > 0) {
                int n = (int) Math.min(limit, options.maxBatch());
                for (int i = 0; i < n; i++) {
                    batch.add(ring[head]);
                    ring[head] = null;
                    if (++head == ring.length) {
                        head = 0;
                    }
                }
                size -= n;
                headSeq += n;
                inFlight = n;
                room.signalAll();
                return batch;
            }
            if (closed) {
                return null;
            }
            work.await();
        }
    }

    /**
     * Hands one item to the downstream sink, retrying on failure. Returns false if it gave up,
     * which it does only when closing and the retries are spent.
     */
    private boolean deliver(Object item, List<TelemetrySample> batch) throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                if (item == batch) {
                    downstream.accept(batch);
                } else if (item instanceof Describe describe) {
                    downstream.describe(describe.signals());
                } else if (item instanceof Gap gap) {
                    downstream.gap(gap.gap());
                } else {
                    downstream.flush();
                }
                if (attempt > 0) {
                    lock.lock();
                    try {
                        if (failure != null) {
                            LOG.info("downstream sink works again after {} failed attempts", attempt);
                        }
                        failure = null;
                    } finally {
                        lock.unlock();
                    }
                }
                return true;
            } catch (RuntimeException e) {
                attempt++;
                long backoff = options.retryBackoff().toNanos()
                        * Math.min(1L << Math.min(attempt - 1, 30), MAX_BACKOFF_FACTOR);
                lock.lock();
                try {
                    downstreamFailures++;
                    if (attempt > options.retries()) {
                        if (failure == null) {
                            LOG.error("downstream sink failed {} times in a row; callers now see the "
                                    + "failure, retrying every {} ms: {}", attempt,
                                    TimeUnit.NANOSECONDS.toMillis(backoff), e.toString(), e);
                        }
                        failure = e;
                        progress.signalAll();
                        room.signalAll();
                        if (closed) {
                            gaveUp = true;
                            return false;
                        }
                    } else {
                        LOG.warn("downstream sink failed (attempt {} of {}), retrying in {} ms: {}",
                                attempt, options.retries() + 1, TimeUnit.NANOSECONDS.toMillis(backoff),
                                e.toString());
                    }
                    long remaining = backoff;
                    while (remaining > 0 && !(closed && attempt > options.retries())) {
                        remaining = retryWait.awaitNanos(remaining);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}

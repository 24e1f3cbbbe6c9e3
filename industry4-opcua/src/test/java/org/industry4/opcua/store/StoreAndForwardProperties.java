package org.industry4.opcua.store;

import static org.industry4.opcua.store.TestSinks.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.opcua.store.TestSinks.RecordingSink;
import org.junit.jupiter.api.Assertions;

/**
 * Invariants of {@link StoreAndForward} on random streams: batch sizes, capacities, batch limits
 * and gaps between batches, against a downstream that sometimes yields (slower than the stream).
 */
class StoreAndForwardProperties {

    private static final SignalId SIGNAL = SignalId.of("m-1/spindle_temp");

    /** A stream: batch sizes, whether a gap follows each batch, the queue's capacity and batch limit. */
    record Stream(List<Integer> batchSizes, List<Boolean> gapAfter, int capacity, int maxBatch) {
    }

    @Provide
    Arbitrary<Stream> streams() {
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(0, 40).list().ofMaxSize(25);
        return sizes.flatMap(list -> Combinators.combine(
                Arbitraries.of(true, false).list().ofSize(list.size()),
                Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(1, 20)).as((gaps, capacity, maxBatch) ->
                new Stream(list, gaps, capacity, maxBatch)));
    }

    /** Downstream that yields now and then, so the queue fills. */
    static final class YieldingSink extends RecordingSink {
        private int calls;

        @Override
        public synchronized void accept(List<TelemetrySample> batch) {
            super.accept(batch);
            if (++calls % 3 == 0) {
                Thread.yield();
            }
        }
    }

    /** The samples of the stream, numbered 0.. as their value; gaps marked by the index they follow. */
    private static List<List<TelemetrySample>> batches(Stream stream) {
        List<List<TelemetrySample>> batches = new ArrayList<>();
        int next = 0;
        for (int size : stream.batchSizes()) {
            List<TelemetrySample> batch = new ArrayList<>();
            for (int i = 0; i < size; i++, next++) {
                batch.add(TelemetrySample.good(SIGNAL, T0.plusMillis(next), next));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** A gap whose reason names how many samples were sent before it. */
    private static TelemetryGap gapAfter(int sentBefore) {
        return new TelemetryGap(SIGNAL, T0, T0, Integer.toString(sentBefore));
    }

    private static StoreAndForwardOptions options(Stream stream, BackPressure policy) {
        return new StoreAndForwardOptions(stream.capacity(), stream.maxBatch(), policy,
                Duration.ofSeconds(10), 2, Duration.ofMillis(1));
    }

    @Property(tries = 200)
    void blockDeliversExactlyTheAcceptedSamplesAndGapsInOrder(@ForAll("streams") Stream stream) {
        YieldingSink sink = new YieldingSink();
        List<Object> expected = new ArrayList<>();
        List<List<TelemetrySample>> batches = batches(stream);
        StoreAndForward queue = StoreAndForward.start(sink, options(stream, BackPressure.BLOCK));
        try (queue) {
            int sent = 0;
            for (int b = 0; b < batches.size(); b++) {
                queue.accept(batches.get(b));
                expected.addAll(batches.get(b));
                sent += batches.get(b).size();
                if (stream.gapAfter().get(b)) {
                    queue.gap(gapAfter(sent));
                    expected.add(gapAfter(sent));
                }
            }
        }
        Assertions.assertEquals(expected, sink.events());
        StoreAndForwardStats stats = queue.stats();
        long total = batches.stream().mapToLong(List::size).sum();
        Assertions.assertEquals(new StoreAndForwardStats(total, total, 0, 0, 0, 0, stats.maxQueueDepth()), stats);
        Assertions.assertTrue(stats.maxQueueDepth() <= stream.capacity());
        Assertions.assertTrue(sink.maxBatch <= stream.maxBatch());
    }

    @Property(tries = 200)
    void dropOldestKeepsOrderAndAccountsForEverySample(@ForAll("streams") Stream stream) {
        YieldingSink sink = new YieldingSink();
        List<List<TelemetrySample>> batches = batches(stream);
        StoreAndForward queue = StoreAndForward.start(sink, options(stream, BackPressure.DROP_OLDEST));
        int gaps = 0;
        try (queue) {
            int sent = 0;
            for (int b = 0; b < batches.size(); b++) {
                queue.accept(batches.get(b));
                sent += batches.get(b).size();
                if (stream.gapAfter().get(b)) {
                    queue.gap(gapAfter(sent));
                    gaps++;
                }
            }
        }
        StoreAndForwardStats stats = queue.stats();
        long total = batches.stream().mapToLong(List::size).sum();
        Assertions.assertEquals(total, stats.accepted());
        Assertions.assertEquals(0, stats.queued());
        Assertions.assertEquals(total, stats.written() + stats.dropped());
        Assertions.assertEquals(stats.written(), sink.samples().size());
        // Samples arrive in the order sent, each gap after every sample sent before it and before
        // every sample sent after it; gaps are never dropped.
        double last = -1;
        int gapsSeen = 0;
        int sentBeforeLastGap = 0;
        for (Object event : sink.events()) {
            if (event instanceof TelemetrySample sample) {
                Assertions.assertTrue(sample.value() > last, "out of order at " + sample.value());
                Assertions.assertTrue(sample.value() >= sentBeforeLastGap, "sample " + sample.value()
                        + " after a gap that followed " + sentBeforeLastGap + " samples");
                last = sample.value();
            } else {
                TelemetryGap gap = (TelemetryGap) event;
                sentBeforeLastGap = Integer.parseInt(gap.reason());
                Assertions.assertTrue(last < sentBeforeLastGap, "gap after " + sentBeforeLastGap
                        + " samples delivered after sample " + last);
                gapsSeen++;
            }
        }
        Assertions.assertEquals(gaps, gapsSeen);
    }

    @Property(tries = 200)
    void rejectDeliversExactlyTheBatchesItTook(@ForAll("streams") Stream stream) {
        YieldingSink sink = new YieldingSink();
        List<TelemetrySample> expected = new ArrayList<>();
        List<List<TelemetrySample>> batches = batches(stream);
        long refused = 0;
        StoreAndForward queue = StoreAndForward.start(sink, options(stream, BackPressure.REJECT));
        try (queue) {
            for (List<TelemetrySample> batch : batches) {
                try {
                    queue.accept(batch);
                    expected.addAll(batch);
                } catch (QueueFullException e) {
                    Assertions.assertEquals(0, e.taken());
                    refused += batch.size();
                }
            }
        }
        Assertions.assertEquals(expected, sink.samples());
        StoreAndForwardStats stats = queue.stats();
        Assertions.assertEquals(new StoreAndForwardStats(expected.size(), expected.size(), 0, 0, refused, 0,
                stats.maxQueueDepth()), stats);
    }
}

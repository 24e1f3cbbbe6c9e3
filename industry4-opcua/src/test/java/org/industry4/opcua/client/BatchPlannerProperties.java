package org.industry4.opcua.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The split-and-retry batching of per-item services, against a fake server with hidden limits. */
class BatchPlannerProperties {

    private record Result(int item, String status) {
    }

    /** A server that refuses calls larger than {@code capacity} and some items one by one. */
    private static final class FakeServer {
        final int capacity;
        final int refuseEvery;
        final List<Integer> callSizes = new ArrayList<>();

        FakeServer(int capacity, int refuseEvery) {
            this.capacity = capacity;
            this.refuseEvery = refuseEvery;
        }

        List<Result> call(List<Integer> batch) {
            callSizes.add(batch.size());
            if (batch.size() > capacity) {
                return batch.stream().map(i -> new Result(i, "Bad_TooManyOperations")).toList();
            }
            return batch.stream().map(i -> new Result(i,
                    refuseEvery > 0 && i % refuseEvery == 0 ? "Bad_NodeIdUnknown" : "Good")).toList();
        }
    }

    @Property(tries = 300)
    void everyItemGetsExactlyOneResultInItsPositionAndNoCallExceedsTheLimit(
            @ForAll @IntRange(min = 0, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 60) int limit,
            @ForAll @IntRange(min = 1, max = 70) int capacity,
            @ForAll @IntRange(min = 0, max = 9) int refuseEvery) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        var server = new FakeServer(capacity, refuseEvery);
        BatchPlanner.Outcome<Result> outcome = BatchPlanner.run(items, limit, server::call,
                r -> r.status().equals("Bad_TooManyOperations"));

        assertEquals(n, outcome.results().size());
        for (int i = 0; i < n; i++) {
            Result r = outcome.results().get(i);
            assertEquals(i, r.item(), "result in the item's position");
            String expected = refuseEvery > 0 && i % refuseEvery == 0 ? "Bad_NodeIdUnknown" : "Good";
            assertEquals(expected, r.status(), "single items always fit, so only per-item refusals remain");
        }
        assertTrue(server.callSizes.stream().allMatch(s -> s >= 1 && s <= limit), server.callSizes.toString());
        assertEquals(server.callSizes.size(), outcome.calls());
        int needed = (n + limit - 1) / limit;
        assertTrue(outcome.calls() >= needed);
        if (capacity >= limit) {
            assertEquals(needed, outcome.calls(), "no retries when every batch fits");
            assertEquals(0, outcome.retriedItems());
        }
        assertTrue(outcome.calls() <= needed + 2 * n, "splitting terminates: " + outcome.calls());
        long tooLarge = server.callSizes.stream().filter(s -> s > capacity).count();
        assertEquals(tooLarge, outcome.refusedCalls());
        int halvings = 32 - Integer.numberOfLeadingZeros(limit - 1); // ceil(log2(limit))
        assertTrue(tooLarge <= halvings, "each refusal halves the batch size for good: " + server.callSizes);
        // the last refused size was above the capacity, and the limit learned is its half, rounded up
        assertTrue(outcome.finalLimit() <= limit && outcome.finalLimit() >= Math.min(limit, (capacity + 2) / 2),
                "limit learned " + outcome.finalLimit());
    }

    @Property(tries = 100)
    void aServerThatAlwaysRefusesLeavesEveryItemWithItsRefusal(
            @ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 50) int limit) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        List<Integer> sizes = new ArrayList<>();
        BatchPlanner.Outcome<Result> outcome = BatchPlanner.run(items, limit, batch -> {
            sizes.add(batch.size());
            return batch.stream().map(i -> new Result(i, "Bad_TooManyMonitoredItems")).toList();
        }, r -> r.status().startsWith("Bad_TooMany"));
        assertEquals(n, outcome.results().size());
        assertTrue(outcome.results().stream().allMatch(r -> r.status().equals("Bad_TooManyMonitoredItems")));
        assertTrue(sizes.contains(1) || n == 0);
        assertTrue(sizes.size() < 2 * n + (n + limit - 1) / limit + 1, "calls " + sizes.size());
    }

    @Property(tries = 20)
    void aNonPositiveLimitIsRejected(@ForAll @IntRange(min = -5, max = 0) int limit) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlanner.run(List.of(1), limit, b -> b, r -> false));
        assertTrue(e.getMessage().contains(String.valueOf(limit)));
    }
}

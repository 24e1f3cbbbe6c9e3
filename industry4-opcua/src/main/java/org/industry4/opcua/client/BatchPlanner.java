package org.industry4.opcua.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a per-item service (create monitored items, read, ...) over many items in batches no larger
 * than a limit, splitting and retrying batches the server refused as too large.
 *
 * <p>Items go out in order, in consecutive batches of at most {@code limit}. The call returns one
 * result per item of its batch. Results for which {@code tooMany} holds (for example
 * {@code Bad_TooManyOperations} for the whole batch) are retried: those items go out again in
 * batches of half the refused batch's size (rounded up), down to single items; a single item
 * refused again keeps its refusal as its final result. A batch refused as a whole also teaches the
 * planner: no later call is larger than half of it, so a server with a secret limit costs about
 * log<sub>2</sub>(limit) refused calls, not one per batch. Every item ends with exactly one result,
 * in its original position; nothing is dropped.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    /**
     * What happened: one result per item, aligned with the input; how many calls, how many of them
     * were refused as a whole, the largest batch sent, how many item results were retried (an item
     * refused twice counts twice), and the largest batch size not known to be too large at the end.
     */
    record Outcome<R>(List<R> results, int calls, int refusedCalls, int largestBatch, int retriedItems,
                      int finalLimit) {
    }

    /**
     * Runs {@code call} over {@code items}.
     *
     * @param limit   the most items per call; at least 1
     * @param call    the service: takes a batch, returns exactly one result per item, in order
     * @param tooMany which results mean "the batch was too large, try fewer"
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws IllegalStateException    if {@code call} returns the wrong number of results
     */
    static <T, R> Outcome<R> run(List<T> items, int limit, Function<List<T>, List<R>> call,
                                 Predicate<? super R> tooMany) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(tooMany, "tooMany");
        if (limit < 1) {
            throw new IllegalArgumentException("batch limit must be >= 1, got " + limit);
        }
        Object[] results = new Object[items.size()];
        Deque<int[]> pending = new ArrayDeque<>();
        for (int start = 0; start < items.size(); start += limit) {
            int end = Math.min(items.size(), start + limit);
            int[] positions = new int[end - start];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = start + i;
            }
            pending.addLast(positions);
        }
        int calls = 0;
        int refusedCalls = 0;
        int largest = 0;
        int retried = 0;
        int ceiling = limit;
        while (!pending.isEmpty()) {
            int[] batch = pending.removeFirst();
            if (batch.length > ceiling) {
                // planned before a smaller batch was refused as a whole
                pushFront(pending, batch, batch.length, ceiling);
                continue;
            }
            List<T> batchItems = new ArrayList<>(batch.length);
            for (int p : batch) {
                batchItems.add(items.get(p));
            }
            List<R> batchResults = call.apply(batchItems);
            calls++;
            largest = Math.max(largest, batch.length);
            if (batchResults == null || batchResults.size() != batch.length) {
                throw new IllegalStateException("batch call returned "
                        + (batchResults == null ? "null" : batchResults.size() + " results")
                        + " for " + batch.length + " items");
            }
            int[] refused = new int[batch.length];
            int refusedCount = 0;
            for (int i = 0; i < batch.length; i++) {
                R r = batchResults.get(i);
                results[batch[i]] = r;
                if (batch.length > 1 && tooMany.test(r)) {
                    refused[refusedCount++] = batch[i];
                }
            }
            if (refusedCount > 0) {
                retried += refusedCount;
                int half = (batch.length + 1) / 2;
                if (refusedCount == batch.length) {
                    refusedCalls++;
                    ceiling = Math.min(ceiling, half);
                }
                pushFront(pending, refused, refusedCount, half);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return new Outcome<>(out, calls, refusedCalls, largest, retried, ceiling);
    }

    /** Puts the first {@code count} positions back at the head of the queue, in order, in pieces of {@code size}. */
    private static void pushFront(Deque<int[]> pending, int[] positions, int count, int size) {
        List<int[]> pieces = new ArrayList<>();
        for (int start = 0; start < count; start += size) {
            pieces.add(Arrays.copyOfRange(positions, start, Math.min(count, start + size)));
        }
        for (int i = pieces.size() - 1; i >= 0; i--) {
            pending.addFirst(pieces.get(i));
        }
    }
}

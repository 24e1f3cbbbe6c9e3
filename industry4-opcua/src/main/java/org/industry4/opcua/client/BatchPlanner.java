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
 * {@code Bad_TooManyOperations} for the whole batch, or {@code Bad_TooManyMonitoredItems}) are
 * retried: those items go out again in batches of half the refused batch's size, down to single
 * items; a single item refused again keeps its refusal as its final result. Every item ends with
 * exactly one result, in its original position; nothing is dropped.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    /**
     * What happened: one result per item, aligned with the input, and how many calls and the largest
     * batch it took.
     */
    record Outcome<R>(List<R> results, int calls, int largestBatch, int retriedItems) {
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
        int largest = 0;
        int retried = 0;
        while (!pending.isEmpty()) {
            int[] batch = pending.removeFirst();
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
                int size = Math.max(1, batch.length / 2);
                List<int[]> retries = new ArrayList<>();
                for (int start = 0; start < refusedCount; start += size) {
                    retries.add(Arrays.copyOfRange(refused, start, Math.min(refusedCount, start + size)));
                }
                for (int i = retries.size() - 1; i >= 0; i--) {
                    pending.addFirst(retries.get(i));
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return new Outcome<>(out, calls, largest, retried);
    }
}

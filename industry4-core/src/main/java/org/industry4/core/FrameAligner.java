package org.industry4.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns irregular samples of several signals into {@link TelemetryFrame}s at a fixed interval.
 *
 * <p>Frames fall at {@code start + k * interval}. The frame at time {@code t} holds, for each
 * signal, the value of its latest sample whose source time is at or before {@code t}, with that
 * sample's quality, provided the sample is at most {@link AlignerOptions#maxStaleness()} old.
 * A signal with no such sample is {@link Quality#BAD} with a NaN value, so a frame is never filled
 * silently: {@link TelemetryFrame#quality()} says when any signal is stale, missing or bad.
 *
 * <p>Streaming use: {@link #offer} samples as they arrive, in any order, and call
 * {@link #advanceTo(Instant)} with a watermark (a time by which all samples up to it have
 * arrived) to receive the frames up to it. A sample older than a frame already emitted cannot
 * change that frame; it is counted in {@link #lateSamples()} and still updates later frames if it
 * is the newest value of its signal. Samples of signals outside the schema are counted in
 * {@link #ignoredSamples()}.
 *
 * <p>Not thread-safe: one aligner belongs to one consumer thread.
 */
public final class FrameAligner {

    private final FeatureSchema schema;
    private final Map<SignalId, Integer> index;
    private final long intervalNanos;
    private final long stalenessNanos;
    private final Instant start;
    /** Per signal: samples newer than the last emitted frame, in source-time order. */
    private final List<ArrayDeque<TelemetrySample>> pending;
    /** Per signal: the newest sample at or before the last emitted frame, or null. */
    private final TelemetrySample[] held;
    private long nextFrame;
    private long lateSamples;
    private long ignoredSamples;

    /**
     * An aligner whose first frame falls at {@code start}.
     *
     * @param signals the signals, in the column order of the frames; not empty, no duplicates
     */
    public FrameAligner(List<SignalId> signals, Instant start, AlignerOptions options) {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        this.schema = FeatureSchema.ofSignals(signals);
        this.index = new HashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            index.put(signals.get(i), i);
        }
        this.intervalNanos = options.interval().toNanos();
        this.stalenessNanos = options.maxStaleness().toNanos();
        this.start = start;
        this.pending = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            pending.add(new ArrayDeque<>());
        }
        this.held = new TelemetrySample[signals.size()];
    }

    /**
     * Aligns a finished batch of samples: the frames at {@code start + k * interval} up to and
     * including {@code end}.
     *
     * @throws IllegalArgumentException if {@code end} is before {@code start}
     */
    public static List<TelemetryFrame> align(List<SignalId> signals,
                                             Collection<TelemetrySample> samples,
                                             Instant start, Instant end, AlignerOptions options) {
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end must not be before start: start=" + start
                    + ", end=" + end);
        }
        FrameAligner aligner = new FrameAligner(signals, start, options);
        for (TelemetrySample s : samples) {
            aligner.offer(s);
        }
        return aligner.advanceTo(end);
    }

    /** The schema of the frames this aligner emits. */
    public FeatureSchema schema() {
        return schema;
    }

    /** The time of the next frame {@link #advanceTo(Instant)} will emit. */
    public Instant nextFrameTime() {
        return frameTime(nextFrame);
    }

    /** Samples that arrived after a frame they belonged to had been emitted. */
    public long lateSamples() {
        return lateSamples;
    }

    /** Samples of signals that are not in the schema. */
    public long ignoredSamples() {
        return ignoredSamples;
    }

    /** Takes one sample. */
    public void offer(TelemetrySample sample) {
        Objects.requireNonNull(sample, "sample");
        Integer i = index.get(sample.signal());
        if (i == null) {
            ignoredSamples++;
            return;
        }
        if (nextFrame > 0 && !sample.sourceTime().isAfter(frameTime(nextFrame - 1))) {
            lateSamples++;
            TelemetrySample h = held[i];
            if (h == null || !sample.sourceTime().isBefore(h.sourceTime())) {
                held[i] = sample;
            }
            return;
        }
        insertInOrder(pending.get(i), sample);
    }

    /** Takes several samples. */
    public void offerAll(Collection<TelemetrySample> samples) {
        for (TelemetrySample s : samples) {
            offer(s);
        }
    }

    /**
     * Emits every frame whose time is at or before {@code watermark} and was not emitted before.
     *
     * @return the new frames in time order; empty if none is due
     */
    public List<TelemetryFrame> advanceTo(Instant watermark) {
        Objects.requireNonNull(watermark, "watermark");
        List<TelemetryFrame> frames = new ArrayList<>();
        int n = schema.size();
        while (!frameTime(nextFrame).isAfter(watermark)) {
            Instant t = frameTime(nextFrame);
            double[] values = new double[n];
            Quality[] qualities = new Quality[n];
            for (int i = 0; i < n; i++) {
                ArrayDeque<TelemetrySample> queue = pending.get(i);
                while (!queue.isEmpty() && !queue.peekFirst().sourceTime().isAfter(t)) {
                    held[i] = queue.pollFirst();
                }
                TelemetrySample s = held[i];
                if (s == null || ageNanos(s.sourceTime(), t) > stalenessNanos
                        || s.quality() == Quality.BAD) {
                    values[i] = Double.NaN;
                    qualities[i] = Quality.BAD;
                } else {
                    values[i] = s.value();
                    qualities[i] = s.quality();
                }
            }
            frames.add(new TelemetryFrame(t, schema, values, qualities));
            nextFrame++;
        }
        return frames;
    }

    private Instant frameTime(long k) {
        return start.plusNanos(Math.multiplyExact(k, intervalNanos));
    }

    private static long ageNanos(Instant sampleTime, Instant frameTime) {
        Duration age = Duration.between(sampleTime, frameTime);
        try {
            return age.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** Inserts keeping source-time order; a sample with the same time as one queued replaces it. */
    private static void insertInOrder(ArrayDeque<TelemetrySample> queue, TelemetrySample s) {
        TelemetrySample last = queue.peekLast();
        if (last == null || s.sourceTime().isAfter(last.sourceTime())) {
            queue.addLast(s);
            return;
        }
        if (s.sourceTime().equals(last.sourceTime())) {
            queue.pollLast();
            queue.addLast(s);
            return;
        }
        // Out of order: rare, so rebuild.
        TelemetrySample[] all = queue.toArray(new TelemetrySample[0]);
        queue.clear();
        boolean placed = false;
        for (TelemetrySample q : all) {
            if (!placed && !s.sourceTime().isAfter(q.sourceTime())) {
                queue.addLast(s);
                placed = true;
                if (s.sourceTime().equals(q.sourceTime())) {
                    continue;
                }
            }
            queue.addLast(q);
        }
        if (!placed) {
            queue.addLast(s);
        }
    }

    @Override
    public String toString() {
        return "FrameAligner[signals=" + schema.names() + ", next=" + nextFrameTime() + "]";
    }

}

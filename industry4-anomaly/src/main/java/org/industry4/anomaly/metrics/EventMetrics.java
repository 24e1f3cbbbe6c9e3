package org.industry4.anomaly.metrics;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Event-level counts of a detector on a series: labelled anomalies and alarms seen as events (maximal
 * runs of consecutive positive samples) rather than samples, the view an operator has. A labelled
 * event is <em>detected</em> if at least one sample inside it is predicted anomalous; an alarm is
 * <em>false</em> if none of its samples is labelled anomalous. The detection delay of a detected
 * event is the number of samples from its first sample to its first predicted sample.
 *
 * <p>These are plain overlap counts, without the scoring windows and weights of the NAB score.
 * Rates with a zero denominator are 0, as in {@link DetectionMetrics}.
 *
 * @param events          labelled anomalous events (runs of labelled samples)
 * @param detectedEvents  labelled events with at least one predicted sample inside
 * @param alarms          predicted alarms (runs of predicted samples)
 * @param falseAlarms     alarms that overlap no labelled event
 * @param totalDelay      the sum of the detection delays of the detected events, in samples
 */
public record EventMetrics(long events, long detectedEvents, long alarms, long falseAlarms, long totalDelay) {

    public EventMetrics {
        if (events < 0 || alarms < 0 || totalDelay < 0 || detectedEvents < 0 || falseAlarms < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got events=" + events + " detectedEvents="
                    + detectedEvents + " alarms=" + alarms + " falseAlarms=" + falseAlarms + " totalDelay=" + totalDelay);
        }
        if (detectedEvents > events) {
            throw new IllegalArgumentException("detectedEvents must be <= events (" + events + "), got " + detectedEvents);
        }
        if (falseAlarms > alarms) {
            throw new IllegalArgumentException("falseAlarms must be <= alarms (" + alarms + "), got " + falseAlarms);
        }
    }

    /**
     * Counts the events of per-sample predictions against per-sample labels of one series.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static EventMetrics of(boolean[] predicted, boolean[] actual) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        DetectionMetrics.requireSameNonEmptyLength(predicted.length, actual.length);
        int n = actual.length;
        long events = 0;
        long detected = 0;
        long delay = 0;
        for (int i = 0; i < n; ) {
            if (!actual[i]) {
                i++;
                continue;
            }
            int start = i;
            int firstHit = -1;
            while (i < n && actual[i]) {
                if (firstHit < 0 && predicted[i]) {
                    firstHit = i;
                }
                i++;
            }
            events++;
            if (firstHit >= 0) {
                detected++;
                delay += firstHit - start;
            }
        }
        long alarms = 0;
        long falseAlarms = 0;
        for (int i = 0; i < n; ) {
            if (!predicted[i]) {
                i++;
                continue;
            }
            boolean overlaps = false;
            while (i < n && predicted[i]) {
                overlaps |= actual[i];
                i++;
            }
            alarms++;
            if (!overlaps) {
                falseAlarms++;
            }
        }
        return new EventMetrics(events, detected, alarms, falseAlarms, delay);
    }

    /** The counts of this and {@code other} added, for several series. */
    public EventMetrics plus(EventMetrics other) {
        Objects.requireNonNull(other, "other");
        return new EventMetrics(Math.addExact(events, other.events), Math.addExact(detectedEvents, other.detectedEvents),
                Math.addExact(alarms, other.alarms), Math.addExact(falseAlarms, other.falseAlarms),
                Math.addExact(totalDelay, other.totalDelay));
    }

    /** detectedEvents / events; 0 if there are no labelled events. */
    public double eventRecall() {
        return DetectionMetrics.ratio(detectedEvents, events);
    }

    /** (alarms - falseAlarms) / alarms: the share of alarms that touch a labelled event; 0 if there are no alarms. */
    public double alarmPrecision() {
        return DetectionMetrics.ratio(alarms - falseAlarms, alarms);
    }

    /** The mean detection delay of the detected events in samples; empty if no event was detected. */
    public OptionalDouble meanDelay() {
        return detectedEvents == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) totalDelay / detectedEvents);
    }
}

package org.industry4.examples.factory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run did that the report and the result show, kept as it happens (the sample
 * history itself is in DuckDB). Written by the analytics thread only.
 */
final class RunLog {

    /** An anomaly alarm: start, end (null while active), peak score, the chart, the top contributor and its diagnosis. */
    static final class Alarm {
        final String machine;
        final Instant start;
        final double score;
        final String chart;
        final String topContributor;
        Instant end;
        double peak = Double.NaN;
        String endReason;
        String diagnosis;
        double confidence = Double.NaN;

        /** Whether stage 2 dismissed it as normal running. */
        boolean dismissed() {
            return endReason != null && endReason.startsWith("dismissed");
        }

        Alarm(String machine, Instant start, double score, String chart, String topContributor) {
            this.machine = machine;
            this.start = start;
            this.score = score;
            this.chart = chart;
            this.topContributor = topContributor;
        }
    }

    /** A setpoint written over OPC UA, with the twin's prediction behind it. */
    record SetpointWrite(String machine, Instant time, String signal, double oldValue, double newValue, String status,
                         String reason, double predictedPeakGrowth) {
        boolean good() {
            return status.startsWith("Good");
        }
    }

    /** A repair or replacement done on a machine. */
    record Repair(String machine, Instant time, String reason) {
    }

    /** Per machine, one point per simulated minute. */
    static final class Series {
        final List<Instant> time = new ArrayList<>();
        final DoubleList vibration = new DoubleList();
        final DoubleList bearingTemp = new DoubleList();
        final DoubleList spindleTemp = new DoubleList();
        final DoubleList current = new DoubleList();
        final DoubleList growth = new DoubleList();
        final DoubleList twinGrowth = new DoubleList();
        final DoubleList maxScore = new DoubleList();
        final DoubleList feed = new DoubleList();
        final List<Instant> rulTime = new ArrayList<>();
        final DoubleList rul = new DoubleList();
        final DoubleList rulLower = new DoubleList();
        final DoubleList rulUpper = new DoubleList();
    }

    /** A growable array of doubles. */
    static final class DoubleList {
        private double[] values = new double[256];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double get(int i) {
            return values[i];
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    final List<Alarm> alarms = new ArrayList<>();
    final List<SetpointWrite> writes = new ArrayList<>();
    final List<Repair> repairs = new ArrayList<>();
    final List<QualityStation.Inspection> inspections = new ArrayList<>();
    final List<MaintenancePlanner.Job> jobs = new ArrayList<>();
    final Map<String, Series> series = new LinkedHashMap<>();

    Series series(String machine) {
        return series.computeIfAbsent(machine, m -> new Series());
    }

    Alarm activeAlarm(String machine) {
        for (int i = alarms.size() - 1; i >= 0; i--) {
            Alarm a = alarms.get(i);
            if (a.machine.equals(machine)) {
                return a.end == null ? a : null;
            }
        }
        return null;
    }

    Alarm alarmStartedAt(String machine, Instant start) {
        for (Alarm a : alarms) {
            if (a.machine.equals(machine) && a.start.equals(start)) {
                return a;
            }
        }
        return null;
    }
}

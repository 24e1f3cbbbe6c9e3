package org.industry4.examples.factory.kpi;

import org.industry4.opcua.sim.MachineState;

/**
 * Integrates a machine's state samples over a window [from, to) with a zero-order hold: each state
 * holds from its sample until the next state sample or the window end. Times are microseconds since
 * the epoch, as stored by DuckDB. Not thread-safe; one per machine and window.
 */
final class StateTimeline {

    private final long from;
    private final long to;
    private final long[] micros = new long[MachineState.values().length];
    private MachineState current;
    private long since;
    private long noData;
    private int failures;
    private long repairMicros;
    private long episodeStart = -1;

    /**
     * Starts a timeline.
     *
     * @param from window start, microseconds
     * @param to window end, microseconds, &gt; from
     * @param before the last state before {@code from}, or {@code null} if none: it holds from
     *     {@code from}; without it the time up to the first sample is {@code noData}
     */
    StateTimeline(long from, long to, MachineState before) {
        if (to <= from) {
            throw new IllegalArgumentException("window end must be after its start, got from " + from
                    + " us, to " + to + " us");
        }
        this.from = from;
        this.to = to;
        this.current = before;
        this.since = from;
    }

    /**
     * Adds the next state sample; samples come in time order and lie in [from, to).
     *
     * @param time microseconds
     * @param state the state from then on
     */
    void add(long time, MachineState state) {
        if (time < since || time >= to) {
            throw new IllegalArgumentException("state sample at " + time + " us must lie in [" + since
                    + ", " + to + ") us (window and time order)");
        }
        close(time);
        if (state == MachineState.ALARM && current != MachineState.ALARM) {
            failures++;
            episodeStart = time;
        } else if (state != MachineState.ALARM && current == MachineState.ALARM && episodeStart >= 0) {
            repairMicros += time - episodeStart;
            episodeStart = -1;
        }
        current = state;
    }

    private void close(long time) {
        if (current == null) {
            noData += time - since;
        } else {
            micros[current.ordinal()] += time - since;
        }
        since = time;
    }

    /** Ends the window: the last state holds until {@code to}. */
    Result finish() {
        close(to);
        boolean open = false;
        long repair = repairMicros;
        if (current == MachineState.ALARM && episodeStart >= 0) {
            repair += to - episodeStart;
            open = true;
        }
        return new Result(micros[MachineState.IDLE.ordinal()] + micros[MachineState.RUNNING.ordinal()],
                micros[MachineState.ALARM.ordinal()], micros[MachineState.STOPPED.ordinal()], noData,
                failures, repair, open);
    }

    /**
     * Integrated times of one window, microseconds.
     *
     * @param run IDLE + RUNNING
     * @param alarm ALARM
     * @param stopped STOPPED
     * @param noData state unknown (before the first sample)
     * @param failures ALARM episodes that began in the window
     * @param repair summed duration of those episodes, an open one up to the window end
     * @param openAtEnd whether one of them was open at the window end
     */
    record Result(long run, long alarm, long stopped, long noData, int failures, long repair,
            boolean openAtEnd) {}
}

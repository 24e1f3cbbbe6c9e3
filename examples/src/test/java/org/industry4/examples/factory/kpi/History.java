package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.store.DuckDbSink;

/** Test data: samples of the three signals the KPIs read, written into a real DuckDB sink. */
final class History {

    static final Instant T0 = Instant.parse("2024-03-04T06:00:00Z");

    private final List<TelemetrySample> samples = new ArrayList<>();

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Instant min(double minutes) {
        return T0.plusNanos(Math.round(minutes * 60e9));
    }

    History state(String machine, Instant time, MachineState state) {
        samples.add(TelemetrySample.good(SignalId.of(machine + "/state"), time, state.code()));
        return this;
    }

    History parts(String machine, Instant time, long count) {
        samples.add(TelemetrySample.good(SignalId.of(machine + "/part_count"), time, count));
        return this;
    }

    History current(String machine, Instant time, double amperes) {
        samples.add(TelemetrySample.good(SignalId.of(machine + "/motor_current"), time, amperes));
        return this;
    }

    History badCurrent(String machine, Instant time) {
        samples.add(TelemetrySample.bad(SignalId.of(machine + "/motor_current"), time, time));
        return this;
    }

    /** A constant current sampled every {@code step} from {@code from} to {@code to}, both included. */
    History constantCurrent(String machine, Instant from, Instant to, Duration step, double amperes) {
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            current(machine, t, amperes);
        }
        return this;
    }

    /** Writes every sample, in the order added, and flushes. */
    void writeTo(DuckDbSink sink) {
        sink.accept(samples);
        sink.flush();
    }
}

package org.industry4.examples.factory.kpi;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The additive quantities behind {@link MachineKpis}: summed over machines they give the plant's
 * figures without averaging ratios. Times in microseconds.
 */
record KpiTotals(String id, long run, long alarm, long stopped, long noData, long partsTotal,
        long partsGood, long partsGoodFirstPass, int failures, long repair, boolean openAtEnd,
        double energyKwh) {

    /** The sum of this and {@code other}, named {@code id}. */
    KpiTotals plus(String id, KpiTotals other) {
        return new KpiTotals(id, run + other.run, alarm + other.alarm, stopped + other.stopped,
                noData + other.noData, partsTotal + other.partsTotal, partsGood + other.partsGood,
                partsGoodFirstPass + other.partsGoodFirstPass, failures + other.failures,
                repair + other.repair, openAtEnd || other.openAtEnd, energyKwh + other.energyKwh);
    }

    /** Nothing, named {@code id}. */
    static KpiTotals zero(String id) {
        return new KpiTotals(id, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0);
    }

    /** The ratios and means; see {@link MachineKpis} for the formulas. */
    MachineKpis toKpis(KpiOptions options) {
        long planned = run + alarm;
        double availability = planned > 0 ? (double) run / planned : 0;
        double idealMicros = options.idealCycleTime().toNanos() / 1e3 * partsTotal;
        double performance = run > 0 ? Math.min(1, idealMicros / run) : 0;
        double quality = partsTotal > 0 ? (double) partsGood / partsTotal : 1;
        double fpy = partsTotal > 0 ? (double) partsGoodFirstPass / partsTotal : 1;
        Optional<Duration> mtbf = failures > 0 ? Optional.of(micros(Math.round((double) run / failures)))
                : Optional.empty();
        Optional<Duration> mttr = failures > 0
                ? Optional.of(micros(Math.round((double) repair / failures))) : Optional.empty();
        OptionalDouble perGood = partsGood > 0 ? OptionalDouble.of(energyKwh / partsGood) : OptionalDouble.empty();
        return new MachineKpis(id, micros(planned), micros(run), micros(alarm), micros(stopped),
                micros(noData), availability, performance, quality, availability * performance * quality,
                fpy, partsTotal, partsGood, failures, mtbf, mttr, openAtEnd, energyKwh, perGood);
    }

    private static Duration micros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }
}

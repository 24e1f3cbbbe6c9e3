/**
 * Plant KPIs and the detection scorecard of the closed-loop factory demo: {@link
 * org.industry4.examples.factory.kpi.KpiCalculator} reads the telemetry a {@code DuckDbSink} stored
 * and computes availability, performance, quality, OEE, first-pass yield, MTBF, MTTR and energy per
 * machine and for the plant; {@link org.industry4.examples.factory.kpi.DetectionScorecard} scores a
 * detector's alarms against the simulator's ground truth.
 */
package org.industry4.examples.factory.kpi;

/**
 * Online following: {@link org.industry4.twin.online.TwinFollower} steps a twin between
 * {@link org.industry4.core.TelemetryFrame}s, corrects the measured states with a fixed observer
 * gain and reports {@link org.industry4.twin.online.Residual}s of measured states and outputs;
 * {@link org.industry4.twin.online.ResidualScorer} turns residual vectors into a core
 * {@link org.industry4.core.Scorer} score (a growing residual is the anomaly signal).
 * {@link org.industry4.twin.online.TwinMapping} says which frame feature is which model input,
 * state or output.
 */
package org.industry4.twin.online;

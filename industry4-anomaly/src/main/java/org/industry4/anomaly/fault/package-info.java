/**
 * Stage 2 of predictive maintenance, fault classification: once a detector has flagged an
 * anomaly, which fault is it?
 *
 * <p>{@link org.industry4.anomaly.fault.WindowFeatures} turns a window of readings into a fixed
 * feature vector (mean, spread, range, slope, tick-to-tick movement and, optionally, the fraction
 * of missing readings of each signal); {@link org.industry4.anomaly.fault.FaultClassifierTrainer}
 * trains a random forest on labelled windows into a
 * {@link org.industry4.anomaly.fault.FaultClassifierModel}, which returns class probabilities and a
 * {@link org.industry4.anomaly.fault.Diagnosis} that says "unknown fault" when no class is
 * confident; {@link org.industry4.anomaly.fault.FaultClassifierFile} saves and loads it.
 */
package org.industry4.anomaly.fault;

/**
 * PCA-based multivariate statistical process control: Hotelling's T² in the space of the leading
 * principal components and the Q statistic (squared prediction error) in the residual space, with
 * control limits from the normal training data and per-variable contributions.
 *
 * <p>{@link org.industry4.anomaly.spc.PcaSpcTrainer} fits a
 * {@link org.industry4.anomaly.spc.PcaSpcModel} on rows of normal operation;
 * {@link org.industry4.anomaly.spc.PcaSpcFile} saves and loads it.
 */
package org.industry4.anomaly.spc;

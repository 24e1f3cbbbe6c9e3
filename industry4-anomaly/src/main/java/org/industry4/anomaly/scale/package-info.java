/**
 * Feature scalers fitted on normal operation and saved with the models that use them:
 * {@link org.industry4.anomaly.scale.StandardScaler} (mean / standard deviation) and
 * {@link org.industry4.anomaly.scale.RobustScaler} (median / interquartile range), both behind the
 * sealed {@link org.industry4.anomaly.scale.Scaler} interface, and
 * {@link org.industry4.anomaly.scale.ScalerFile} to save and load them (alone, or embedded in
 * another model's payload).
 */
package org.industry4.anomaly.scale;

/**
 * Unsupervised anomaly detection on the feature vectors and frames of {@code industry4-core}:
 * trained on normal operation only, scoring in batch and one sample at a time.
 */
package org.industry4.anomaly;

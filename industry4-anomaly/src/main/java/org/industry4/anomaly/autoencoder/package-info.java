/**
 * Autoencoder anomaly detection: a dense autoencoder trained with DeepLearning4J (CPU) on normal
 * operation only, whose reconstruction error is the anomaly score, with a threshold from held-out
 * normal rows and per-sensor contributions.
 *
 * <p>{@link org.industry4.anomaly.autoencoder.AutoencoderTrainer} fits an
 * {@link org.industry4.anomaly.autoencoder.AutoencoderModel} (plain Java, immutable, thread-safe);
 * {@link org.industry4.anomaly.autoencoder.AutoencoderFile} saves and loads it;
 * {@link org.industry4.anomaly.autoencoder.SlidingWindows} turns a multivariate series into rows of
 * its last {@code w} samples, for an autoencoder that sees time.
 *
 * <p>{@link org.industry4.anomaly.autoencoder.ConvAutoencoderTrainer} fits SKAB's 1-D convolutional
 * autoencoder over windows of rows, a
 * {@link org.industry4.anomaly.autoencoder.ConvAutoencoderModel} scoring window rows of the same
 * layout (plain Java as well); {@link org.industry4.anomaly.autoencoder.ConvAutoencoderFile} saves
 * and loads it.
 */
package org.industry4.anomaly.autoencoder;

package org.industry4.anomaly.fault;

/**
 * What {@link WindowFeatures} does with a NaN in a window, the way a BAD-quality reading (a sensor
 * that delivered no value, OPC UA {@code Bad_SensorFailure}) is written into a window.
 */
public enum MissingValues {
    /**
     * A NaN is an error naming the row and the signal. For windows that never hold missing values;
     * it catches a missing value that should not be there.
     */
    REFUSE,
    /**
     * A NaN marks a missing reading: each signal gets one more feature, {@code <signal>.missing},
     * the fraction of its readings in the window that are missing, and its other statistics are
     * computed over the readings present (so a sensor dropout is a feature the classifier can
     * learn, and a few missing readings barely move the rest). A signal with no reading at all in
     * the window gets 0 for every other statistic and 1 for {@code missing}.
     */
    COUNT
}

package org.industry4.twin.online;

import java.time.Instant;
import java.util.Objects;

/**
 * The difference between a measured and a predicted value of one model state or output at one
 * frame.
 *
 * @param time      the frame time
 * @param name      the model state or output name
 * @param measured  the measured value
 * @param predicted the twin's prediction
 */
public record Residual(Instant time, String name, double measured, double predicted) {

    public Residual {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(name, "name");
    }

    /** {@code measured - predicted}. */
    public double value() {
        return measured - predicted;
    }
}

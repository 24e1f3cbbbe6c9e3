package org.industry4.core;

/**
 * A failure to move telemetry: a store that can't write, a source that can't start. Unchecked
 * because it crosses callback interfaces; the message names what failed.
 */
public class TelemetryException extends RuntimeException {

    public TelemetryException(String message) {
        super(message);
    }

    public TelemetryException(String message, Throwable cause) {
        super(message, cause);
    }
}

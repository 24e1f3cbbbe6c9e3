package org.industry4.kafka.format;

import java.io.IOException;

/**
 * A record that is not a telemetry record this version can read: a wrong magic, an unknown format
 * version, a truncated or over-long payload, an invalid value. The message is the reason, as it
 * goes to the dead-letter topic.
 */
public class RecordFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public RecordFormatException(String message) {
        super(message);
    }

    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

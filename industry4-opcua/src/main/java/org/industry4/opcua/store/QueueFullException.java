package org.industry4.opcua.store;

import org.industry4.core.TelemetryException;

/**
 * Thrown by {@link StoreAndForward#accept} when its queue had no room for (all of) a batch: at
 * once under {@link BackPressure#REJECT}, after the offer timeout under {@link BackPressure#BLOCK}.
 * The first {@link #taken()} samples of the batch were taken, in order, and will be written; the
 * rest were not, and may be offered again.
 */
public final class QueueFullException extends TelemetryException {

    private final int taken;

    /**
     * @param message what happened, naming the sizes
     * @param taken   how many samples from the start of the batch were taken
     * @param cause   why there was no room, if known (a downstream failure, an interrupt); may be null
     */
    public QueueFullException(String message, int taken, Throwable cause) {
        super(message, cause);
        if (taken < 0) {
            throw new IllegalArgumentException("taken must be >= 0, got " + taken);
        }
        this.taken = taken;
    }

    /** How many samples from the start of the batch were taken. */
    public int taken() {
        return taken;
    }
}

package org.industry4.kafka.streams;

/**
 * The headers of a dead-letter record. A record {@link FleetTopology} cannot use (an unknown
 * format version, a corrupt payload, no key, a frame older than the asset's last one, a frame a
 * stage refuses) goes to the dead-letter topic unchanged, key and value as they came, with its
 * original headers and these added; the application goes on with the next record.
 */
public final class DeadLetters {

    /** Why the record was not used, in words (UTF-8). */
    public static final String REASON = "industry4.dlq.reason";
    /** The topic the record came from. */
    public static final String TOPIC = "industry4.dlq.topic";
    /** Its partition, decimal. */
    public static final String PARTITION = "industry4.dlq.partition";
    /** Its offset, decimal. */
    public static final String OFFSET = "industry4.dlq.offset";
    /**
     * The frame's index (decimal, from 0) in a record of several frames; the dead letter's value
     * is then that frame alone, as a one-frame record.
     */
    public static final String FRAME = "industry4.dlq.frame";
    /** The stage that refused the frame, when one did. */
    public static final String STAGE = "industry4.dlq.stage";

    private DeadLetters() {
    }
}

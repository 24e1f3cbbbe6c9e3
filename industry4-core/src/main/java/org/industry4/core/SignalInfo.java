package org.industry4.core;

import java.util.Objects;

/**
 * What is known about a signal besides its values: where it comes from and what it measures. Kept
 * by stores in a signal catalogue.
 *
 * @param signal      the signal
 * @param source      where it is read, for example an OPC UA node id {@code "ns=2;s=cnc-01/vibration"}
 * @param dataType    the source's data type name, for example {@code "Double"}
 * @param unit        the engineering unit, for example {@code "rpm"}; empty if unknown
 * @param description a human description; empty if none
 */
public record SignalInfo(SignalId signal, String source, String dataType, String unit,
                         String description) {

    public SignalInfo {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }
}

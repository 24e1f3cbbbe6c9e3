package org.industry4.opcua.client;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.industry4.core.Quality;

/**
 * An OPC UA status code with its symbolic name, as servers report it per operation (per read
 * value, per written node, per monitored item).
 *
 * @param code the 32-bit status code as an unsigned value
 * @param name the symbolic name from the OPC UA specification, for example
 *             {@code "Bad_NodeIdUnknown"}; {@code "0x80AB0000"} style hex when the code is unknown
 */
public record OpcUaStatus(long code, String name) {

    /** The status of a successful operation. */
    public static final OpcUaStatus GOOD = of(StatusCodes.Good);

    public OpcUaStatus {
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "status code must be an unsigned 32-bit value, got " + code);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("status name must not be blank, got \"" + name + "\"");
        }
    }

    /** The status for a 32-bit code, with its name looked up in the OPC UA tables. */
    public static OpcUaStatus of(long code) {
        long unsigned = code & 0xFFFF_FFFFL;
        String name = StatusCodes.lookup(unsigned)
                .map(parts -> parts[0])
                .orElse(String.format("0x%08X", unsigned));
        return new OpcUaStatus(unsigned, name);
    }

    static OpcUaStatus of(StatusCode statusCode) {
        return of(statusCode.value());
    }

    /** Whether the severity is good. */
    public boolean isGood() {
        return quality() == Quality.GOOD;
    }

    /** Whether the severity is bad. */
    public boolean isBad() {
        return quality() == Quality.BAD;
    }

    /** The quality class of this status (good, uncertain, bad). */
    public Quality quality() {
        return Quality.fromStatusCode(code);
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.industry4.opcua.client;

import java.util.Objects;

/**
 * A value to write to a node's Value attribute.
 *
 * <p>The Java type of {@code value} decides the OPC UA type sent: {@code Double} -> Double,
 * {@code Float} -> Float, {@code Integer} -> Int32, {@code Long} -> Int64, {@code Short} -> Int16,
 * {@code Byte} -> SByte, {@code Boolean} -> Boolean, {@code String} -> String, Milo's unsigned
 * types -> UInt*. No conversion happens: a value whose type differs from the node's data type is
 * refused by the server with {@code Bad_TypeMismatch} (write {@code 1200.0}, not {@code 1200}, to a
 * Double setpoint).
 *
 * @param nodeId the node id text, for example {@code "ns=2;s=cnc-01/setpoint/spindle_speed"}
 * @param value  the value; not null
 */
public record WriteRequest(String nodeId, Object value) {

    public WriteRequest {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(value, "value of " + nodeId);
    }

    /** Shorthand for the constructor. */
    public static WriteRequest of(String nodeId, Object value) {
        return new WriteRequest(nodeId, value);
    }
}

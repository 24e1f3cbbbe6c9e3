package org.industry4.opcua.client;

import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.enumerated.IdType;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;

/**
 * Turns OPC UA values into telemetry samples.
 *
 * <ul>
 *   <li>Numbers of every width (SByte..UInt64, Float, Double) become their double value (UInt64 and
 *       Int64 beyond 2^53 round to the nearest double, correctly); Boolean becomes 1 or 0.</li>
 *   <li>A Bad status, a missing value, a non-finite number or a value of any other type (String,
 *       ByteString, array, structure) becomes a {@link Quality#BAD} sample with NaN.</li>
 *   <li>Otherwise the quality follows the status's severity ({@link Quality#fromStatusCode}).</li>
 *   <li>Source time is the DataValue's source timestamp, else its server timestamp, else the time
 *       the collector received it; server time is the server timestamp, else the receive time.</li>
 * </ul>
 */
final class SampleConverter {

    private SampleConverter() {
    }

    /** The sample for one value of one signal. */
    static TelemetrySample toSample(SignalId signal, DataValue value, Instant receivedAt) {
        Instant serverTime = instant(value.serverTime());
        Instant sourceTime = instant(value.sourceTime());
        if (serverTime == null) {
            serverTime = receivedAt;
        }
        if (sourceTime == null) {
            sourceTime = serverTime;
        }
        StatusCode status = value.statusCode() == null ? StatusCode.GOOD : value.statusCode();
        Quality quality = Quality.fromStatusCode(status.value());
        Object v = value.value() == null ? null : value.value().value();
        double d = toDouble(v);
        if (quality == Quality.BAD || !Double.isFinite(d)) {
            return new TelemetrySample(signal, sourceTime, serverTime, Double.NaN, Quality.BAD);
        }
        return new TelemetrySample(signal, sourceTime, serverTime, d, quality);
    }

    /** Whether {@link #toDouble} gives a number for this value's type. */
    static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    /** The value as a double; NaN if it is not a number or a Boolean. */
    static double toDouble(Object value) {
        if (value instanceof ULong u) {
            return unsignedToDouble(u.longValue());
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return Double.NaN;
    }

    /**
     * The unsigned 64-bit value held in {@code bits}, correctly rounded ({@code ULong.doubleValue()}
     * of Milo 1.1 rounds twice above 2^63 and can be off by one ulp).
     */
    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // halve with the lost bit kept as a sticky bit, convert (one rounding), double again
        return ((double) ((bits >>> 1) | (bits & 1L))) * 2.0;
    }

    /** An OPC UA time as an Instant; null for a missing, null (1601) or out-of-range time. */
    static Instant instant(DateTime time) {
        if (time == null || time.isNull() || time.isInvalid()) {
            return null;
        }
        return time.getJavaInstant();
    }

    /**
     * The signal id of a node: the string identifier of a string node id (namespace dropped, for
     * example {@code "cnc-01/spindle_speed"}), else the parseable node id text ({@code "ns=3;i=1001"}).
     */
    static SignalId signalIdOf(NodeId nodeId) {
        if (nodeId.getType() == IdType.String && nodeId.getIdentifier() instanceof String s
                && !s.isBlank() && s.equals(s.strip())) {
            return SignalId.of(s);
        }
        return SignalId.of(nodeId.toParseableString());
    }
}

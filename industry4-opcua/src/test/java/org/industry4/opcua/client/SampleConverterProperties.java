package org.industry4.opcua.client;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetrySample;
import org.junit.jupiter.api.Test;

/** OPC UA values to samples, for every numeric type and the cases that become BAD. */
class SampleConverterProperties {

    private static final SignalId ID = SignalId.of("cnc-01/x");
    private static final Instant SOURCE = Instant.parse("2024-05-01T10:00:00.100Z");
    private static final Instant SERVER = Instant.parse("2024-05-01T10:00:00.200Z");
    private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00.300Z");

    private static TelemetrySample convert(Object value, long status) {
        return SampleConverter.toSample(ID, new DataValue(new Variant(value), new StatusCode(status),
                new DateTime(SOURCE), new DateTime(SERVER)), RECEIVED);
    }

    private static void assertGood(double expected, Object value) {
        TelemetrySample s = convert(value, StatusCodes.Good);
        assertEquals(Quality.GOOD, s.quality(), value.getClass().getSimpleName());
        assertEquals(expected, s.value(), 0.0, value.getClass().getSimpleName() + " " + value);
        assertEquals(SOURCE, s.sourceTime());
        assertEquals(SERVER, s.serverTime());
    }

    @Property
    void everySignedIntegerWidthBecomesItsExactValue(@ForAll long v) {
        assertGood((byte) v, (byte) v);
        assertGood((short) v, (short) v);
        assertGood((int) v, (int) v);
        assertGood((double) v, v);
    }

    @Property
    void everyUnsignedWidthBecomesItsUnsignedValue(@ForAll long v) {
        assertGood(v & 0xFF, ubyte(v & 0xFF));
        assertGood(v & 0xFFFF, ushort((int) (v & 0xFFFF)));
        assertGood(v & 0xFFFF_FFFFL, uint(v & 0xFFFF_FFFFL));
        double unsigned64 = new BigInteger(Long.toUnsignedString(v)).doubleValue();
        assertGood(unsigned64, ulong(v));
    }

    @Property
    void finiteFloatsAndDoublesPassThroughAndNonFiniteOnesBecomeBad(@ForAll double d, @ForAll float f) {
        TelemetrySample ds = convert(d, StatusCodes.Good);
        TelemetrySample fs = convert(f, StatusCodes.Good);
        if (Double.isFinite(d)) {
            assertEquals(Quality.GOOD, ds.quality());
            assertEquals(d, ds.value());
        } else {
            assertEquals(Quality.BAD, ds.quality());
            assertTrue(Double.isNaN(ds.value()));
        }
        if (Float.isFinite(f)) {
            assertEquals((double) f, fs.value());
        } else {
            assertEquals(Quality.BAD, fs.quality());
        }
    }

    @Property
    void qualityFollowsTheStatusSeverityAndBadCarriesNoValue(
            @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long status, @ForAll double v) {
        TelemetrySample s = convert(v, status);
        Quality q = Quality.fromStatusCode(status);
        if (q == Quality.BAD || !Double.isFinite(v)) {
            assertEquals(Quality.BAD, s.quality());
            assertTrue(Double.isNaN(s.value()));
        } else {
            assertEquals(q, s.quality());
            assertEquals(v, s.value());
        }
    }

    @Test
    void booleansAreOneAndZero() {
        assertGood(1.0, true);
        assertGood(0.0, false);
    }

    @Test
    void valuesThatAreNotNumbersBecomeBadSamples() {
        for (Object v : new Object[]{"text", ByteString.of(new byte[]{1}), new double[]{1.0}, null}) {
            TelemetrySample s = convert(v, StatusCodes.Good);
            assertEquals(Quality.BAD, s.quality(), String.valueOf(v));
            assertTrue(Double.isNaN(s.value()));
        }
    }

    @Test
    void missingTimestampsFallBackToServerThenReceiveTime() {
        TelemetrySample noSource = SampleConverter.toSample(ID,
                new DataValue(new Variant(1.0), StatusCode.GOOD, null, new DateTime(SERVER)), RECEIVED);
        assertEquals(SERVER, noSource.sourceTime());
        assertEquals(SERVER, noSource.serverTime());
        TelemetrySample none = SampleConverter.toSample(ID,
                new DataValue(new Variant(1.0), StatusCode.GOOD, DateTime.NULL_VALUE, null), RECEIVED);
        assertEquals(RECEIVED, none.sourceTime());
        assertEquals(RECEIVED, none.serverTime());
    }

    @Test
    void signalIdsAreStringIdentifiersOrTheNodeIdText() {
        assertEquals(SignalId.of("cnc-01/spindle_speed"),
                SampleConverter.signalIdOf(NodeId.parse("ns=2;s=cnc-01/spindle_speed")));
        assertEquals(SignalId.of("ns=3;i=1001"), SampleConverter.signalIdOf(NodeId.parse("ns=3;i=1001")));
        assertEquals(SignalId.of("ns=2;s= padded"), SampleConverter.signalIdOf(new NodeId(2, " padded")));
    }
}

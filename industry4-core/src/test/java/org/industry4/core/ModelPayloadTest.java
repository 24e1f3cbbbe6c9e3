package org.industry4.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelPayloadTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.of("a", "b");

    private static ModelEnvelope envelope(byte[] payload) {
        return new ModelEnvelope("test-model", 1, SCHEMA, payload);
    }

    private static final byte[] PAYLOAD = ModelPayload.write(out -> {
        out.writeInt(7);
        out.writeDouble(2.5);
        out.writeUTF("x");
    });

    private static String readAll(java.io.DataInputStream in) throws IOException {
        return in.readInt() + " " + in.readDouble() + " " + in.readUTF();
    }

    @Test
    void writeReturnsTheBytesADataOutputStreamWrites() {
        assertEquals(4 + 8 + 2 + 1, PAYLOAD.length);
        assertArrayEquals(new byte[] {0, 0, 0, 7}, Arrays.copyOf(PAYLOAD, 4));
    }

    @Test
    void aPayloadReadToItsEndGivesWhatTheReaderReturns() throws IOException {
        assertEquals("7 2.5 x", ModelPayload.read(envelope(PAYLOAD), "m.i4", ModelPayloadTest::readAll));
    }

    @Test
    void aTruncatedPayloadIsRefusedNamingTheSourceAndModelType() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPayload.read(
                envelope(Arrays.copyOf(PAYLOAD, PAYLOAD.length - 1)), "m.i4", ModelPayloadTest::readAll));
        assertEquals("m.i4 has a truncated test-model payload", e.getMessage());
    }

    @Test
    void bytesAfterWhatTheReaderReadAreRefused() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPayload.read(
                envelope(Arrays.copyOf(PAYLOAD, PAYLOAD.length + 3)), "m.i4", ModelPayloadTest::readAll));
        assertEquals("m.i4 has 3 unexpected bytes after the test-model payload", e.getMessage());
    }

    @Test
    void anInvalidArgumentFromTheReaderIsAnInvalidModel() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPayload.read(
                envelope(PAYLOAD), "m.i4", in -> {
                    throw new IllegalArgumentException("k must be > 0, got -1");
                }));
        assertEquals("m.i4 holds an invalid test-model model: k must be > 0, got -1", e.getMessage());
    }

    @Test
    void aModelFormatExceptionFromTheReaderPassesUnchanged() {
        ModelFormatException thrown = new ModelFormatException("m.i4 has an invalid layer count 99");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPayload.read(
                envelope(PAYLOAD), "m.i4", in -> {
                    throw thrown;
                }));
        assertSame(thrown, e);
    }

    @Test
    void anotherIoErrorIsAnUnreadablePayload() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelPayload.read(
                envelope(PAYLOAD), "m.i4", in -> {
                    throw new java.io.UTFDataFormatException("malformed input around byte 3");
                }));
        assertEquals("m.i4 has an unreadable test-model payload: malformed input around byte 3", e.getMessage());
    }
}

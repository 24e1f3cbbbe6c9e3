package org.industry4.kafka.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;
import org.junit.jupiter.api.Test;

class TelemetryCodecTest {

    private static final Instant T = Instant.parse("2026-11-24T08:00:00.250Z");
    private static final TelemetryFrame FRAME = new TelemetryFrame(T, FeatureSchema.of("temp", "vib"),
            new double[] {41.5, Double.NaN}, new Quality[] {Quality.GOOD, Quality.BAD});

    private final TelemetryCodec codec = new TelemetryCodec();

    @Test
    void theBinaryFrameLayoutIsTheDocumentedOne() throws Exception {
        byte[] bytes = TelemetryCodec.encodeFrame(FRAME);
        String hex = HexFormat.of().formatHex(bytes);
        // 'i' '4' kind=2 version=1 | seconds i64 | nanos i32 | n=2 | 4 "temp" | 3 "vib" | 41.5 | NaN | 0 2
        assertEquals("69340201" + String.format("%016x", T.getEpochSecond()) + "0ee6b280" + "0002"
                + "0004" + "74656d70" + "0003" + "766962" + "4044c00000000000" + "7ff8000000000000" + "0002", hex);
        assertEquals(FRAME, codec.decodeFrame(bytes));
        assertEquals(TelemetryCodec.KIND_FRAME, TelemetryCodec.kind(bytes));
    }

    @Test
    void framesOfOneSchemaShareOneSchemaObject() throws Exception {
        TelemetryFrame a = codec.decodeFrame(TelemetryCodec.encodeFrame(FRAME));
        TelemetryFrame b = codec.decodeFrame(TelemetryCodec.encodeFrame(FRAME));
        assertSame(a.schema(), b.schema());
        TelemetryFrame other = new TelemetryFrame(T, FeatureSchema.of("temp", "vibration"), new double[] {1, 2},
                new Quality[] {Quality.GOOD, Quality.UNCERTAIN});
        assertEquals(other, codec.decodeFrame(TelemetryCodec.encodeFrame(other)));
    }

    @Test
    void samplesRoundTripInBothForms() throws Exception {
        TelemetrySample sample = new TelemetrySample(SignalId.of("cnc-01/spindle_temp"), T, T.plusMillis(3), 41.5,
                Quality.UNCERTAIN);
        assertEquals(sample, codec.decodeSample(TelemetryCodec.encodeSample(sample)));
        assertEquals(sample, codec.decodeSample(TelemetryJson.toJson(sample).getBytes(StandardCharsets.UTF_8)));
        TelemetrySample bad = TelemetrySample.bad(SignalId.of("cnc-01/x"), T, T);
        assertEquals(bad, codec.decodeSample(TelemetryCodec.encodeSample(bad)));
        assertEquals(bad, codec.decodeSample(TelemetryJson.toJson(bad).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theJsonFormIsReadableAndReadBack() throws Exception {
        String json = TelemetryJson.toJson(FRAME);
        assertEquals("{\"format\":\"industry4/frame\",\"version\":1,\"time\":\"2026-11-24T08:00:00.250Z\","
                + "\"signals\":[\"temp\",\"vib\"],\"values\":[41.5,null],\"quality\":[\"GOOD\",\"BAD\"]}", json);
        assertEquals(FRAME, codec.decodeFrame(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRecordThisVersionCannotReadIsRefusedWithTheReason() {
        byte[] good = TelemetryCodec.encodeFrame(FRAME);
        assertReason("record is 2 bytes, shorter than the 4-byte header", new byte[] {'i', '4'});
        assertReason("record value is null (a tombstone), not a telemetry record", null);
        byte[] future = good.clone();
        future[3] = 2;
        assertReason("unknown record format version 2 (this reader knows 1 to 1)", future);
        byte[] kind = good.clone();
        kind[2] = 7;
        assertReason("unknown record kind 7 (1 = sample, 2 = frame, 3 = frames)", kind);
        assertReason("frame record is truncated", Arrays.copyOf(good, good.length - 1));
        assertReason("record has 1 bytes after its end", Arrays.copyOf(good, good.length + 1));
        byte[] quality = good.clone();
        quality[quality.length - 1] = 5;
        assertReason("quality code 5 of signal vib is none of 0 GOOD, 1 UNCERTAIN, 2 BAD", quality);
        byte[] nan = good.clone();
        nan[nan.length - 1] = 0; // vib GOOD but NaN
        assertTrue(message(nan).startsWith("invalid frame record: value of vib at"), message(nan));
        assertReason("record is a sample, expected a frame", TelemetryCodec.encodeSample(
                TelemetrySample.good(SignalId.of("a"), T, 1)));
        assertReason("JSON record has no integer \"version\"", "{\"format\":\"industry4/frame\"}".getBytes(
                StandardCharsets.UTF_8));
        assertReason("unknown record format version 3 (this reader knows 1 to 1)",
                "{\"format\":\"industry4/frame\",\"version\":3}".getBytes(StandardCharsets.UTF_8));
        assertTrue(message("{\"format\":".getBytes(StandardCharsets.UTF_8)).startsWith("record is not valid JSON"));
        assertReason("JSON frame has 2 signals, 1 values and 2 qualities; they must match",
                ("{\"format\":\"industry4/frame\",\"version\":1,\"time\":\"2026-11-24T08:00:00Z\","
                        + "\"signals\":[\"a\",\"b\"],\"values\":[1],\"quality\":[\"GOOD\",\"GOOD\"]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBinaryFramesLayoutNamesTheSignalsOnce() throws Exception {
        TelemetryFrame second = new TelemetryFrame(T.plusMillis(100), FRAME.schema(), new double[] {42, 0.5},
                new Quality[] {Quality.GOOD, Quality.UNCERTAIN});
        byte[] bytes = TelemetryCodec.encodeFrames(List.of(FRAME, second));
        // 'i' '4' kind=3 version=1 | count=2 | n=2 | 4 "temp" | 3 "vib" | per frame: seconds nanos values qualities
        assertEquals("69340301" + "0002" + "0002" + "0004" + "74656d70" + "0003" + "766962"
                + String.format("%016x", T.getEpochSecond()) + "0ee6b280" + "4044c00000000000" + "7ff8000000000000"
                + "0002" + String.format("%016x", T.getEpochSecond()) + "14dc9380" + "4045000000000000"
                + "3fe0000000000000" + "0001", HexFormat.of().formatHex(bytes));
        assertEquals(TelemetryCodec.KIND_FRAMES, TelemetryCodec.kind(bytes));
        List<TelemetryFrame> back = codec.decodeFrames(bytes);
        assertEquals(List.of(FRAME, second), back);
        assertSame(back.get(0).schema(), back.get(1).schema());
        // one frame is written as a frame record, and every frame record is read as a list of one
        assertArrayEquals(TelemetryCodec.encodeFrame(FRAME), TelemetryCodec.encodeFrames(List.of(FRAME)));
        assertEquals(List.of(FRAME), codec.decodeFrames(TelemetryJson.toJson(FRAME).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFramesRecordThatCannotBeReadIsRefusedWithTheReason() {
        TelemetryFrame second = new TelemetryFrame(T.plusSeconds(1), FRAME.schema(), new double[] {1, 2},
                new Quality[] {Quality.GOOD, Quality.GOOD});
        byte[] good = TelemetryCodec.encodeFrames(List.of(FRAME, second));
        assertFramesReason("frames record is truncated", Arrays.copyOf(good, good.length - 1));
        assertFramesReason("record has 3 bytes after its end", Arrays.copyOf(good, good.length + 3));
        byte[] none = good.clone();
        none[5] = 0; // count 0
        assertFramesReason("frames record holds no frames", none);
        byte[] quality = good.clone();
        quality[quality.length - 2] = 9; // frame 1, temp
        assertFramesReason("quality code 9 of signal temp is none of 0 GOOD, 1 UNCERTAIN, 2 BAD", quality);
        byte[] nan = good.clone();
        System.arraycopy(HexFormat.of().parseHex("7ff8000000000000"), 0, nan, nan.length - 18, 8); // frame 1, temp
        assertTrue(framesMessage(nan).startsWith("invalid frame 1 of a frames record: value of temp at"),
                framesMessage(nan));
        assertFramesReason("record is a sample, expected a frame", TelemetryCodec.encodeSample(
                TelemetrySample.good(SignalId.of("a"), T, 1)));
        assertReason("record holds several frames, expected one (decodeFrames reads it)", good);
    }

    @Test
    void encodingFramesRefusesWhatTheFormatCannotHold() {
        TelemetryFrame other = new TelemetryFrame(T, FeatureSchema.of("temp"), new double[] {1},
                new Quality[] {Quality.GOOD});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryCodec.encodeFrames(List.of(FRAME, other)));
        assertEquals("frames[1] has schema [temp], frames[0] [temp, vib]: a frames record holds one schema",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TelemetryCodec.encodeFrames(List.of()));
        assertEquals("a frames record holds 1 to 65535 frames, got 0", e.getMessage());
    }

    private String framesMessage(byte[] bytes) {
        return assertThrows(RecordFormatException.class, () -> codec.decodeFrames(bytes)).getMessage();
    }

    private void assertFramesReason(String reason, byte[] bytes) {
        assertEquals(reason, framesMessage(bytes));
    }

    @Test
    void encodingRefusesWhatTheFormatCannotHold() {
        String longName = "x".repeat(70_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TelemetryCodec.encodeSample(
                TelemetrySample.good(SignalId.of(longName), T, 1)));
        assertTrue(e.getMessage().contains("at most 65535 UTF-8 bytes, got 70000"), e.getMessage());
    }

    private void assertReason(String reason, byte[] bytes) {
        assertEquals(reason, message(bytes));
    }

    private String message(byte[] bytes) {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> codec.decodeFrame(bytes));
        return e.getMessage();
    }

    @Test
    void theKindOfAnEmptyRecordIsRefused() {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> TelemetryCodec.kind(new byte[0]));
        assertEquals("record is 0 bytes, shorter than the 4-byte header", e.getMessage());
    }
}

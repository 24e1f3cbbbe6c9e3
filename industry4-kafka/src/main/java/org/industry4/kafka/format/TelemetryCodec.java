package org.industry4.kafka.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.TelemetryFrame;
import org.industry4.core.TelemetrySample;

/**
 * The compact binary record format of telemetry on Kafka, version {@value #VERSION}. The record
 * key is the asset id in UTF-8 (so one asset's records stay ordered in one partition); the value
 * is one sample, one frame, or several frames of the asset, big-endian:
 *
 * <pre>
 * header   'i' '4' kind:u8 version:u8            kind 1 = sample, 2 = frame, 3 = frames
 * time     seconds:i64 nanos:i32                 an Instant, UTC
 * frame    header time n:u16 (len:u16 utf8){n} value:f64{n} quality:u8{n}
 * frames   header count:u16 n:u16 (len:u16 utf8){n} (time value:f64{n} quality:u8{n}){count}
 * sample   header sourceTime serverTime value:f64 quality:u8 len:u16 utf8(signal)
 * quality  0 GOOD, 1 UNCERTAIN, 2 BAD; a BAD value may be NaN, every other value is finite
 * </pre>
 *
 * A frame of 5 signals named like {@code spindle_temp} takes about 140 bytes; in a frames record,
 * which names the signals once, each further frame takes 57. A reader rejects a newer version, a
 * wrong magic, an unknown kind, trailing bytes and invalid values with a
 * {@link RecordFormatException} that names the problem. Samples and single frames also have a JSON
 * form ({@link TelemetryJson}); {@link #decodeFrame} and {@link #decodeFrames} read it too, so
 * other tools may produce JSON. Frames records are binary only.
 *
 * <p>Encoding is static and thread-safe. A codec instance decodes and remembers the last schema
 * it read, so a stream of frames of one schema shares one {@link FeatureSchema}: <b>not
 * thread-safe</b>, use one per thread (one per Kafka Streams task).
 */
public final class TelemetryCodec {

    /** The format version this code writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The kind byte of a sample record. */
    public static final byte KIND_SAMPLE = 1;
    /** The kind byte of a frame record. */
    public static final byte KIND_FRAME = 2;
    /** The kind byte of a record of several frames of one asset and one schema. */
    public static final byte KIND_FRAMES = 3;
    /** The most frames one {@link #KIND_FRAMES} record holds. */
    public static final int MAX_FRAMES = 0xFFFF;

    private static final byte MAGIC_0 = 'i';
    private static final byte MAGIC_1 = '4';
    private static final int HEADER = 4;
    private static final int TIME = 12;
    private static final Quality[] QUALITIES = Quality.values();

    private byte[] lastNames = new byte[0];
    private FeatureSchema lastSchema;

    /** The binary record of {@code frame}. */
    public static byte[] encodeFrame(TelemetryFrame frame) {
        Objects.requireNonNull(frame, "frame");
        List<String> names = frame.schema().names();
        int n = names.size();
        byte[][] utf8 = names(names);
        ByteBuffer out = ByteBuffer.allocate(HEADER + TIME + namesSize(utf8) + 9 * n);
        header(out, KIND_FRAME);
        time(out, frame.time());
        putNames(out, utf8);
        putValues(out, frame);
        return out.array();
    }

    /**
     * The binary record of {@code frames}, in order, all of one schema: one frame is written as a
     * {@link #KIND_FRAME} record, more as one {@link #KIND_FRAMES} record that names the signals once.
     */
    public static byte[] encodeFrames(List<TelemetryFrame> frames) {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty() || frames.size() > MAX_FRAMES) {
            throw new IllegalArgumentException("a frames record holds 1 to " + MAX_FRAMES + " frames, got "
                    + frames.size());
        }
        if (frames.size() == 1) {
            return encodeFrame(frames.get(0));
        }
        FeatureSchema schema = frames.get(0).schema();
        List<String> names = schema.names();
        int n = names.size();
        byte[][] utf8 = names(names);
        ByteBuffer out = ByteBuffer.allocate(HEADER + 2 + namesSize(utf8) + frames.size() * (TIME + 9 * n));
        header(out, KIND_FRAMES);
        out.putShort((short) frames.size());
        putNames(out, utf8);
        for (int f = 0; f < frames.size(); f++) {
            TelemetryFrame frame = frames.get(f);
            if (!frame.schema().equals(schema)) {
                throw new IllegalArgumentException("frames[" + f + "] has schema " + frame.schema().names()
                        + ", frames[0] " + names + ": a frames record holds one schema");
            }
            time(out, frame.time());
            putValues(out, frame);
        }
        return out.array();
    }

    /**
     * The frames in {@code bytes}, in order: one for a frame record (binary or JSON), all of a
     * frames record.
     *
     * @throws RecordFormatException naming the problem if it is no valid frame or frames record
     */
    public List<TelemetryFrame> decodeFrames(byte[] bytes) throws RecordFormatException {
        byte kind = kind(bytes);
        if (kind == KIND_FRAME) {
            return List.of(decodeFrame(bytes));
        }
        if (kind != KIND_FRAMES) {
            throw new RecordFormatException("record is a sample, expected a frame");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.position(HEADER);
            int count = in.getShort() & 0xFFFF;
            int n = in.getShort() & 0xFFFF;
            if (count == 0) {
                throw new RecordFormatException("frames record holds no frames");
            }
            if (n == 0) {
                throw new RecordFormatException("frames record has no signals");
            }
            FeatureSchema schema = readNames(in, n);
            TelemetryFrame[] frames = new TelemetryFrame[count];
            for (int f = 0; f < count; f++) {
                Instant time = time(in);
                try {
                    frames[f] = readValues(in, time, schema);
                } catch (IllegalArgumentException e) {
                    throw new RecordFormatException("invalid frame " + f + " of a frames record: " + e.getMessage(), e);
                }
            }
            requireEnd(in);
            return Arrays.asList(frames);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw invalid("frames", e);
        }
    }

    /** The binary record of {@code sample}. */
    public static byte[] encodeSample(TelemetrySample sample) {
        Objects.requireNonNull(sample, "sample");
        byte[] signal = name(sample.signal().value());
        ByteBuffer out = ByteBuffer.allocate(HEADER + 2 * TIME + 9 + 2 + signal.length);
        header(out, KIND_SAMPLE);
        time(out, sample.sourceTime());
        time(out, sample.serverTime());
        out.putDouble(sample.value());
        out.put((byte) sample.quality().ordinal());
        out.putShort((short) signal.length).put(signal);
        return out.array();
    }

    /**
     * The kind of record in {@code bytes}: {@link #KIND_SAMPLE} or {@link #KIND_FRAME}.
     *
     * @throws RecordFormatException if it is no record of this format, of any version
     */
    public static byte kind(byte[] bytes) throws RecordFormatException {
        if (bytes == null) {
            throw new RecordFormatException("record value is null (a tombstone), not a telemetry record");
        }
        if (bytes.length > 0 && bytes[0] == '{') {
            return TelemetryJson.kind(bytes);
        }
        if (bytes.length < HEADER) {
            throw new RecordFormatException("record is " + bytes.length + " bytes, shorter than the "
                    + HEADER + "-byte header");
        }
        if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new RecordFormatException(String.format("record starts with 0x%02x%02x, not the magic 'i4'"
                    + " of an industry4 telemetry record", bytes[0] & 0xFF, bytes[1] & 0xFF));
        }
        int version = bytes[3] & 0xFF;
        if (version > VERSION || version < 1) {
            throw new RecordFormatException("unknown record format version " + version + " (this reader knows 1 to "
                    + VERSION + ")");
        }
        byte kind = bytes[2];
        if (kind != KIND_SAMPLE && kind != KIND_FRAME && kind != KIND_FRAMES) {
            throw new RecordFormatException("unknown record kind " + kind + " (1 = sample, 2 = frame, 3 = frames)");
        }
        return kind;
    }

    /**
     * The frame in {@code bytes}, binary or JSON.
     *
     * @throws RecordFormatException naming the problem if it is not a valid frame record
     */
    public TelemetryFrame decodeFrame(byte[] bytes) throws RecordFormatException {
        byte kind = kind(bytes);
        if (kind != KIND_FRAME) {
            throw new RecordFormatException(kind == KIND_FRAMES ? "record holds several frames, expected one"
                    + " (decodeFrames reads it)" : "record is a sample, expected a frame");
        }
        if (bytes[0] == '{') {
            return TelemetryJson.parseFrame(bytes);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.position(HEADER);
            Instant time = time(in);
            int n = in.getShort() & 0xFFFF;
            if (n == 0) {
                throw new RecordFormatException("frame record has no signals");
            }
            TelemetryFrame frame = readValues(in, time, readNames(in, n));
            requireEnd(in);
            return frame;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw invalid("frame", e);
        }
    }

    /**
     * The sample in {@code bytes}, binary or JSON.
     *
     * @throws RecordFormatException naming the problem if it is not a valid sample record
     */
    public TelemetrySample decodeSample(byte[] bytes) throws RecordFormatException {
        if (kind(bytes) != KIND_SAMPLE) {
            throw new RecordFormatException("record holds frames, expected a sample");
        }
        if (bytes[0] == '{') {
            return TelemetryJson.parseSample(bytes);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.position(HEADER);
            Instant source = time(in);
            Instant server = time(in);
            double value = in.getDouble();
            byte q = in.get();
            int len = in.getShort() & 0xFFFF;
            byte[] name = new byte[len];
            in.get(name);
            requireEnd(in);
            SignalId signal = SignalId.of(new String(name, StandardCharsets.UTF_8));
            return new TelemetrySample(signal, source, server, value, quality(q, signal.value()));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid("sample", e);
        }
    }

    private static byte[][] names(List<String> names) {
        if (names.size() > 0xFFFF) {
            throw new IllegalArgumentException("a frame record holds at most 65535 signals, got " + names.size());
        }
        byte[][] utf8 = new byte[names.size()][];
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = name(names.get(i));
        }
        return utf8;
    }

    /** The bytes of {@code n:u16 (len:u16 utf8){n}}. */
    private static int namesSize(byte[][] utf8) {
        int size = 2;
        for (byte[] name : utf8) {
            size += 2 + name.length;
        }
        return size;
    }

    private static void putNames(ByteBuffer out, byte[][] utf8) {
        out.putShort((short) utf8.length);
        for (byte[] name : utf8) {
            out.putShort((short) name.length).put(name);
        }
    }

    private static void putValues(ByteBuffer out, TelemetryFrame frame) {
        int n = frame.schema().size();
        for (int i = 0; i < n; i++) {
            out.putDouble(frame.value(i));
        }
        for (int i = 0; i < n; i++) {
            out.put((byte) frame.quality(i).ordinal());
        }
    }

    /** Reads {@code n} names (their count already read), the same schema object as last time if they are the same. */
    private FeatureSchema readNames(ByteBuffer in, int n) {
        int from = in.position();
        for (int i = 0; i < n; i++) {
            int len = in.getShort() & 0xFFFF;
            in.position(in.position() + len);
        }
        return schema(in.array(), from, in.position(), n);
    }

    /** Reads {@code value:f64{n} quality:u8{n}} into a frame; its constructor refuses invalid values. */
    private static TelemetryFrame readValues(ByteBuffer in, Instant time, FeatureSchema schema)
            throws RecordFormatException {
        int n = schema.size();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.getDouble();
        }
        Quality[] quality = new Quality[n];
        for (int i = 0; i < n; i++) {
            quality[i] = quality(in.get(), schema.names().get(i));
        }
        return new TelemetryFrame(time, schema, values, quality);
    }

    private FeatureSchema schema(byte[] bytes, int from, int to, int n) {
        if (lastSchema != null && Arrays.equals(bytes, from, to, lastNames, 0, lastNames.length)) {
            return lastSchema;
        }
        List<String> names = new ArrayList<>(n);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        for (int i = 0; i < n; i++) {
            int len = in.getShort() & 0xFFFF;
            names.add(new String(bytes, in.position(), len, StandardCharsets.UTF_8));
            in.position(in.position() + len);
        }
        FeatureSchema schema = new FeatureSchema(names);
        lastNames = Arrays.copyOfRange(bytes, from, to);
        lastSchema = schema;
        return schema;
    }

    private static RecordFormatException invalid(String what, RuntimeException e) {
        if (e instanceof java.nio.BufferUnderflowException) {
            return new RecordFormatException(what + " record is truncated", e);
        }
        return new RecordFormatException("invalid " + what + " record: " + e.getMessage(), e);
    }

    private static Quality quality(byte code, String signal) throws RecordFormatException {
        if (code < 0 || code >= QUALITIES.length) {
            throw new RecordFormatException("quality code " + code + " of signal " + signal
                    + " is none of 0 GOOD, 1 UNCERTAIN, 2 BAD");
        }
        return QUALITIES[code];
    }

    private static void requireEnd(ByteBuffer in) throws RecordFormatException {
        if (in.hasRemaining()) {
            throw new RecordFormatException("record has " + in.remaining() + " bytes after its end");
        }
    }

    private static byte[] name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("a signal name takes at most 65535 UTF-8 bytes, got " + utf8.length);
        }
        return utf8;
    }

    private static void header(ByteBuffer out, byte kind) {
        out.put(MAGIC_0).put(MAGIC_1).put(kind).put((byte) VERSION);
    }

    private static void time(ByteBuffer out, Instant time) {
        out.putLong(time.getEpochSecond()).putInt(time.getNano());
    }

    private static Instant time(ByteBuffer in) throws RecordFormatException {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new RecordFormatException("time nanos " + nanos + " outside [0, 999999999]");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw new RecordFormatException("time " + seconds + " s is outside the range of an Instant", e);
        }
    }
}

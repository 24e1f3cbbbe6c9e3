package org.industry4.kafka.streams;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

import org.industry4.kafka.format.RecordFormatException;

/** Helpers for the stages' state bytes: versioned, big-endian, nullable instants. */
final class StateBytes {

    private StateBytes() {
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] write(int version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static <T> T read(byte[] bytes, int version, String what, Reader<T> reader) throws RecordFormatException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int v = in.readUnsignedByte();
            if (v != version) {
                throw new RecordFormatException(what + " state version " + v + ", this code reads " + version);
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new RecordFormatException(what + " state has " + in.available() + " bytes after its end");
            }
            return value;
        } catch (RecordFormatException e) {
            throw e;
        } catch (EOFException e) {
            throw new RecordFormatException(what + " state is truncated", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordFormatException(what + " state is invalid: " + e.getMessage(), e);
        }
    }

    static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** The bytes {@link #putInstant} takes. */
    static int instantSize(Instant t) {
        return t == null ? 1 : 13;
    }

    /** Writes {@code t} as {@link #writeInstant} does. */
    static void putInstant(ByteBuffer out, Instant t) {
        out.put((byte) (t == null ? 0 : 1));
        if (t != null) {
            out.putLong(t.getEpochSecond()).putInt(t.getNano());
        }
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("array length " + n + " outside [0, " + max + "]");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}

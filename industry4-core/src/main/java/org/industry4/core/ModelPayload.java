package org.industry4.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * Writes and reads the payload of a {@link ModelEnvelope} with {@link DataOutputStream} and
 * {@link DataInputStream}, so that every {@link ModelFile} refuses a damaged payload the same way:
 * a payload that ends early or has bytes after it is a {@link ModelFormatException} that names the
 * source and the envelope's model type.
 */
public final class ModelPayload {

    private ModelPayload() {
    }

    /** Writes a payload; a writer may throw {@link IOException} only because the stream API declares it. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload and returns what it describes. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** The bytes {@code writer} writes (to memory, which cannot fail). */
    public static byte[] write(Writer writer) {
        Objects.requireNonNull(writer, "writer");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@code envelope}'s payload with {@code reader}, which must read all of it.
     *
     * @param source names the input in error messages (a file name)
     * @return what {@code reader} returned
     * @throws ModelFormatException as {@code reader} threw it; or, naming {@code source} and the
     *                              envelope's model type, if the payload ends early, has bytes
     *                              after what {@code reader} read, or {@code reader} threw an
     *                              {@link IllegalArgumentException} (an invalid model) or another
     *                              {@link IOException}
     */
    public static <T> T read(ModelEnvelope envelope, String source, Reader<T> reader) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(reader, "reader");
        String type = envelope.modelType();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(envelope.payload()))) {
            T value = reader.read(in);
            int extra = in.available();
            if (extra > 0) {
                throw new ModelFormatException(source + " has " + extra + " unexpected bytes after the " + type
                        + " payload");
            }
            return value;
        } catch (ModelFormatException e) {
            throw e;
        } catch (EOFException e) {
            throw new ModelFormatException(source + " has a truncated " + type + " payload", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " holds an invalid " + type + " model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(source + " has an unreadable " + type + " payload: " + e.getMessage(), e);
        }
    }

    /**
     * The constant of {@code type} named {@code name}, as read from a payload.
     *
     * @param source names the input in the error message (a file name)
     * @throws ModelFormatException naming the source, the enum and the unknown name
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String source)
            throws ModelFormatException {
        Objects.requireNonNull(type, "type");
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException(source + " has an unknown " + type.getSimpleName() + " \"" + name + "\"", e);
        }
    }
}

package org.industry4.core;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The versioned envelope every saved industry4 model is written in: what model it is, which
 * version of that model's payload, the feature schema it expects, and the payload, protected by a
 * checksum. Never {@code java.io.Serializable}.
 *
 * <h2>Layout (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * bytes   "I4MODEL\n"                      magic (8 bytes)
 * int     1                                envelope format version
 * UTF     modelType                        e.g. "isolation-forest"
 * int     payloadVersion                   the model's own format version
 * int     n, then n x UTF                  feature names, in order
 * int     length, then length bytes        payload
 * long    CRC-32 of everything above
 * </pre>
 *
 * @param modelType      which model, e.g. {@code "isolation-forest"}; not blank
 * @param payloadVersion the version of the payload layout; positive
 * @param schema         the features the model expects
 * @param payload        the model's own bytes
 */
public record ModelEnvelope(String modelType, int payloadVersion, FeatureSchema schema, byte[] payload) {

    /** The version of this envelope layout. */
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "I4MODEL\n".getBytes(StandardCharsets.US_ASCII);
    /** Larger payloads are refused on read as a sign of a damaged file. */
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    public ModelEnvelope {
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(payload, "payload");
        if (modelType.isBlank()) {
            throw new IllegalArgumentException("modelType must not be blank");
        }
        if (payloadVersion <= 0) {
            throw new IllegalArgumentException("payloadVersion must be > 0, got " + payloadVersion);
        }
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Writes the envelope to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
        DataOutputStream data = new DataOutputStream(bytes);
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeUTF(modelType);
        data.writeInt(payloadVersion);
        data.writeInt(schema.size());
        for (String name : schema.names()) {
            data.writeUTF(name);
        }
        data.writeInt(payload.length);
        data.write(payload);
        data.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        data.writeLong(crc.getValue());
        data.flush();
        bytes.writeTo(out);
    }

    /**
     * Reads an envelope written by {@link #writeTo}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException if the bytes are not a model envelope, are truncated, damaged
     *                              (checksum) or of a newer envelope version
     */
    public static ModelEnvelope readFrom(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new ModelFormatException(source + " is not an industry4 model file (no I4MODEL header)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long expected = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try {
            DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8));
            data.skipNBytes(MAGIC.length);
            int format = data.readInt();
            if (format != FORMAT_VERSION) {
                throw new ModelFormatException(source + " has envelope format version " + format
                        + "; this library reads version " + FORMAT_VERSION);
            }
            if (crc.getValue() != expected) {
                throw new ModelFormatException(source + " is damaged: checksum mismatch");
            }
            String type = data.readUTF();
            int version = data.readInt();
            int n = data.readInt();
            if (n <= 0 || n > 1_000_000) {
                throw new ModelFormatException(source + " has an invalid feature count " + n);
            }
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(data.readUTF());
            }
            int length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD || length > data.available()) {
                throw new ModelFormatException(source + " has an invalid payload length " + length);
            }
            byte[] payload = data.readNBytes(length);
            return new ModelEnvelope(type, version, new FeatureSchema(names), payload);
        } catch (EOFException e) {
            throw new ModelFormatException(source + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " holds an invalid envelope: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that this envelope holds the expected model type and a payload version this code
     * reads.
     *
     * @throws ModelFormatException naming the file, the type or version found and what was expected
     */
    public void require(String expectedType, int maxPayloadVersion, String source) throws ModelFormatException {
        if (!modelType.equals(expectedType)) {
            throw new ModelFormatException(source + " holds a " + modelType + " model, expected " + expectedType);
        }
        if (payloadVersion > maxPayloadVersion) {
            throw new ModelFormatException(source + " holds " + modelType + " payload version " + payloadVersion
                    + "; this library reads up to version " + maxPayloadVersion);
        }
    }

    /** Writes the envelope to {@code file} atomically (temporary file in the same folder, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, this::writeTo);
    }

    /** Reads the envelope in {@code file}. */
    public static ModelEnvelope read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readFrom(in, file.toString());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelEnvelope e && modelType.equals(e.modelType) && payloadVersion == e.payloadVersion
                && schema.equals(e.schema) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelType, payloadVersion, schema, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ModelEnvelope[" + modelType + " v" + payloadVersion + ", " + schema.size() + " features, "
                + payload.length + " bytes]";
    }
}

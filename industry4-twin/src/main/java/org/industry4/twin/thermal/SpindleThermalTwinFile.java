package org.industry4.twin.thermal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;
import org.industry4.twin.hybrid.HybridModel;
import org.industry4.twin.hybrid.HybridModelFile;

/**
 * Saves and loads a {@link SpindleThermalTwin} in the versioned {@link ModelEnvelope} (model type
 * {@value #MODEL_TYPE}, schema = the twin's inputs), written atomically.
 *
 * <p>Payload version 1:
 * <pre>
 * UTF      variant                      PHYSICS_ONLY, PURE_ML or HYBRID
 * int n, then n bytes                   the heating model's own envelope ({@link HybridModelFile})
 * int n, then n bytes                   the growth model's own envelope
 * </pre>
 */
public final class SpindleThermalTwinFile implements ModelFile<SpindleThermalTwin> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "spindle-thermal-twin";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    @Override
    public void write(SpindleThermalTwin twin, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        envelope(twin).write(file);
    }

    /** The envelope {@link #write} stores (also what a model roll-out record carries). */
    public ModelEnvelope envelope(SpindleThermalTwin twin) {
        Objects.requireNonNull(twin, "twin");
        byte[] payload = ModelPayload.write(out -> {
            out.writeUTF(twin.variant().name());
            writeEnvelope(HybridModelFile.toEnvelope(twin.heating()), out);
            writeEnvelope(HybridModelFile.toEnvelope(twin.growth()), out);
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, new FeatureSchema(twin.inputNames()), payload);
    }

    /**
     * Reads a twin.
     *
     * @throws ModelFormatException if the file holds another model, a newer payload version, or a
     *                              damaged, truncated or inconsistent payload
     */
    @Override
    public SpindleThermalTwin read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /**
     * The twin in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException as {@link #read} does
     */
    public SpindleThermalTwin fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        return ModelPayload.read(envelope, source, in -> {
            String name = in.readUTF();
            SpindleTwinVariant variant;
            try {
                variant = SpindleTwinVariant.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " has an unknown twin variant \"" + name + "\"", e);
            }
            HybridModel heating = HybridModelFile.fromEnvelope(readEnvelope(in, source + " (heating model)"),
                    source + " (heating model)");
            HybridModel growth = HybridModelFile.fromEnvelope(readEnvelope(in, source + " (growth model)"),
                    source + " (growth model)");
            return new SpindleThermalTwin(variant, heating, growth);
        });
    }

    private static void writeEnvelope(ModelEnvelope envelope, DataOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        envelope.writeTo(bytes);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private static ModelEnvelope readEnvelope(DataInputStream in, String source) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > in.available()) {
            throw new ModelFormatException(source + " has an invalid embedded model length " + n);
        }
        return ModelEnvelope.readFrom(new ByteArrayInputStream(in.readNBytes(n)), source);
    }
}

package org.industry4.anomaly.scale;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFile;
import org.industry4.core.ModelFormatException;
import org.industry4.core.ModelPayload;

/**
 * Saves and loads a {@link Scaler} in a {@link ModelEnvelope} of type {@value #MODEL_TYPE},
 * payload version {@value #PAYLOAD_VERSION}. Models that scale their input embed their scaler in
 * their own payload with {@link #writePayload} and {@link #readPayload}.
 *
 * <h2>Payload version 1 (big-endian, as {@link DataOutputStream} writes)</h2>
 * <pre>
 * UTF     kind                      "standard" or "robust"
 * int     n                         number of features (must equal the schema's)
 * n x double  center                mean or median
 * n x double  scale                 standard deviation or interquartile range, each &gt; 0
 * </pre>
 * The feature names are not in the payload: they are the envelope's (or the embedding model's)
 * schema.
 */
public final class ScalerFile implements ModelFile<Scaler> {

    /** The envelope model type of a saved scaler. */
    public static final String MODEL_TYPE = "scaler";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;

    static final String STANDARD = "standard";
    static final String ROBUST = "robust";

    /** A stateless file format; one instance may be shared. */
    public ScalerFile() {
    }

    @Override
    public void write(Scaler scaler, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        toEnvelope(scaler).write(file);
    }

    @Override
    public Scaler read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope {@link #write} saves. */
    public static ModelEnvelope toEnvelope(Scaler scaler) {
        Objects.requireNonNull(scaler, "scaler");
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, scaler.schema(),
                ModelPayload.write(out -> writePayload(scaler, out)));
    }

    /**
     * The scaler in {@code envelope}.
     *
     * @param source names the envelope's origin (a file name) in error messages
     * @throws ModelFormatException if the envelope holds no scaler, a newer payload version, or an
     *                              invalid or truncated payload, or has bytes after it
     */
    public static Scaler fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        return ModelPayload.read(envelope, source, in -> readPayload(in, envelope.schema(), source));
    }

    /**
     * Writes the scaler's payload (layout above) to {@code out}, for models that embed a scaler in
     * their own payload. The schema is not written: the embedding model keeps it.
     */
    public static void writePayload(Scaler scaler, DataOutputStream out) throws IOException {
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(out, "out");
        Affine affine;
        String kind;
        if (scaler instanceof StandardScaler s) {
            affine = s.affine();
            kind = STANDARD;
        } else {
            affine = ((RobustScaler) scaler).affine();
            kind = ROBUST;
        }
        out.writeUTF(kind);
        int n = affine.schema.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeDouble(affine.centerAt(i));
        }
        for (int i = 0; i < n; i++) {
            out.writeDouble(affine.scaleAt(i));
        }
    }

    /**
     * Reads a payload written by {@link #writePayload}, leaving {@code in} just after it.
     *
     * @param schema the features of the embedding model; the payload's feature count must match
     * @throws ModelFormatException if the payload is truncated, of an unknown kind, of another
     *                              feature count, or holds a non-finite centre or a scale that is
     *                              not positive
     */
    public static Scaler readPayload(DataInputStream in, FeatureSchema schema) throws IOException {
        return readPayload(in, schema, "embedded scaler");
    }

    static Scaler readPayload(DataInputStream in, FeatureSchema schema, String source) throws ModelFormatException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(schema, "schema");
        try {
            String kind = in.readUTF();
            if (!kind.equals(STANDARD) && !kind.equals(ROBUST)) {
                throw new ModelFormatException(source + " holds an unknown scaler kind \"" + kind
                        + "\"; this library reads \"" + STANDARD + "\" and \"" + ROBUST + "\"");
            }
            int n = in.readInt();
            if (n != schema.size()) {
                throw new ModelFormatException(source + " holds a scaler of " + n + " features, but its schema has "
                        + schema.size());
            }
            double[] center = new double[n];
            double[] scale = new double[n];
            for (int i = 0; i < n; i++) {
                center[i] = in.readDouble();
            }
            for (int i = 0; i < n; i++) {
                scale[i] = in.readDouble();
            }
            try {
                return kind.equals(STANDARD) ? new StandardScaler(schema, center, scale)
                        : new RobustScaler(schema, center, scale);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + " holds an invalid scaler: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new ModelFormatException(source + " is truncated (scaler payload)", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source + " could not be read: " + e.getMessage(), e);
        }
    }
}

package org.industry4.vision;

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
import org.industry4.vision.image.Preprocessing;

/**
 * Saves and loads a {@link PatchCoreModel} in a {@link ModelEnvelope} of type {@value #MODEL_TYPE}
 * whose schema is the input image's channels {@code red, green, blue}. Payload version 1:
 * <pre>
 * int      neighbourhood
 * double   coresetRatio
 * int      projectionDimension, reweightNeighbours
 * double   smoothingSigma
 * long     seed
 * int      resizeHeight, resizeWidth, cropHeight, cropWidth
 * 3 float  mean, 3 float std
 * UTF      extractor name
 * boolean  has threshold, then double threshold
 * int      images; long patches; int gridHeight, gridWidth; double seconds
 * int      bank size, int dimension, then size x dimension float   the memory bank, row-major
 * </pre>
 * Writes are atomic; a damaged, truncated or foreign file is a {@link ModelFormatException}.
 */
public final class PatchCoreModelFile implements ModelFile<PatchCoreModel> {

    /** The envelope's model type. */
    public static final String MODEL_TYPE = "patchcore";
    /** The payload version this class writes and the newest it reads. */
    public static final int PAYLOAD_VERSION = 1;
    static final FeatureSchema SCHEMA = FeatureSchema.of("red", "green", "blue");

    @Override
    public void write(PatchCoreModel model, Path file) throws IOException {
        toEnvelope(model).write(file);
    }

    @Override
    public PatchCoreModel read(Path file) throws IOException {
        return fromEnvelope(ModelEnvelope.read(file), file.toString());
    }

    /** The envelope holding {@code model}. */
    public static ModelEnvelope toEnvelope(PatchCoreModel model) {
        Objects.requireNonNull(model, "model");
        byte[] payload = ModelPayload.write(out -> {
            PatchCoreOptions o = model.options();
            out.writeInt(o.neighbourhood());
            out.writeDouble(o.coresetRatio());
            out.writeInt(o.projectionDimension());
            out.writeInt(o.reweightNeighbours());
            out.writeDouble(o.smoothingSigma());
            out.writeLong(o.seed());
            writePreprocessing(model.preprocessing(), out);
            out.writeUTF(model.extractorName());
            double threshold = model.rawThreshold();
            out.writeBoolean(!Double.isNaN(threshold));
            if (!Double.isNaN(threshold)) {
                out.writeDouble(threshold);
            }
            PatchCoreModel.Summary s = model.summary();
            out.writeInt(s.images());
            out.writeLong(s.patches());
            out.writeInt(s.gridHeight());
            out.writeInt(s.gridWidth());
            out.writeDouble(s.seconds());
            MemoryBank bank = model.bank();
            out.writeInt(bank.size);
            out.writeInt(bank.dimension);
            float[] rows = bank.rows();
            for (float v : rows) {
                out.writeFloat(v);
            }
        });
        return new ModelEnvelope(MODEL_TYPE, PAYLOAD_VERSION, SCHEMA, payload);
    }

    /**
     * The model in {@code envelope}.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException for another model type, a newer payload version, or a payload that
     *                              is truncated, has trailing bytes or describes an invalid model
     */
    public static PatchCoreModel fromEnvelope(ModelEnvelope envelope, String source) throws ModelFormatException {
        Objects.requireNonNull(envelope, "envelope");
        envelope.require(MODEL_TYPE, PAYLOAD_VERSION, source);
        if (!envelope.schema().equals(SCHEMA)) {
            throw new ModelFormatException(source + ": a PatchCore model reads " + SCHEMA.names()
                    + " but the envelope's schema is " + envelope.schema().names());
        }
        return ModelPayload.read(envelope, source, in -> {
            PatchCoreOptions options = new PatchCoreOptions(in.readInt(), in.readDouble(), in.readInt(), in.readInt(),
                    in.readDouble(), in.readLong());
            Preprocessing preprocessing = readPreprocessing(in);
            String extractor = in.readUTF();
            double threshold = in.readBoolean() ? in.readDouble() : Double.NaN;
            PatchCoreModel.Summary summary = new PatchCoreModel.Summary(in.readInt(), in.readLong(), in.readInt(),
                    in.readInt(), in.readDouble());
            int size = in.readInt();
            int dimension = in.readInt();
            if (size <= 0 || dimension <= 0 || (long) size * dimension * Float.BYTES > in.available()) {
                throw new ModelFormatException(source + " has an invalid memory bank of " + size + " x " + dimension
                        + " values (" + in.available() + " bytes left)");
            }
            float[] rows = new float[size * dimension];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = in.readFloat();
            }
            return new PatchCoreModel(options, preprocessing, extractor, new MemoryBank(rows, dimension), threshold,
                    summary);
        });
    }

    private static void writePreprocessing(Preprocessing p, DataOutputStream out) throws IOException {
        out.writeInt(p.resizeHeight());
        out.writeInt(p.resizeWidth());
        out.writeInt(p.cropHeight());
        out.writeInt(p.cropWidth());
        for (float v : p.mean()) {
            out.writeFloat(v);
        }
        for (float v : p.std()) {
            out.writeFloat(v);
        }
    }

    private static Preprocessing readPreprocessing(DataInputStream in) throws IOException {
        int rh = in.readInt();
        int rw = in.readInt();
        int ch = in.readInt();
        int cw = in.readInt();
        float[] mean = {in.readFloat(), in.readFloat(), in.readFloat()};
        float[] std = {in.readFloat(), in.readFloat(), in.readFloat()};
        return new Preprocessing(rh, rw, ch, cw, mean, std);
    }
}

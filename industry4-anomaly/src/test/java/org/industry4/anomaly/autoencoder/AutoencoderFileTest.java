package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderFileTest {

    /** Printed by {@link AutoencoderGolden} when the golden file was made. */
    private static final double GOLDEN_THRESHOLD = 0.013741544921704098;
    private static final double[] GOLDEN_SCORES = {0.002208943379336677, 1.204033234402743, 0.5383506071250178};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = AutoencoderFileTest.class.getResourceAsStream("/golden/autoencoder-v1.i4")) {
            assertTrue(in != null, "golden file missing from test resources");
            return in.readAllBytes();
        }
    }

    private static ModelEnvelope envelope(byte[] bytes) throws IOException {
        return ModelEnvelope.readFrom(new ByteArrayInputStream(bytes), "golden");
    }

    @Test
    void theGoldenFileOfPayloadVersionOneGivesItsFrozenScores() throws IOException {
        Path file = dir.resolve("golden.i4");
        Files.write(file, golden());
        AutoencoderModel model = new AutoencoderFile().read(file);
        assertEquals(AutoencoderGolden.SCHEMA, model.schema());
        assertEquals(AutoencoderGolden.options(), model.options());
        assertEquals(1, model.latentSize());
        assertEquals(GOLDEN_THRESHOLD, model.threshold(), "the stored threshold is read exactly");
        assertEquals(48, model.history().trainingRows());
        assertEquals(12, model.history().validationRows());
        assertEquals(400, model.history().epochs().size());
        double[][] probes = AutoencoderGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            assertEquals(GOLDEN_SCORES[i], model.score(probes[i]), 1e-6 * Math.max(1, GOLDEN_SCORES[i]),
                    "score of probe " + i);
        }
        assertTrue(!model.isAnomaly(probes[0]) && model.isAnomaly(probes[1]) && model.isAnomaly(probes[2]));
        assertEquals("c", model.topContributor(probes[1]));
    }

    @Test
    void theGoldenFileIsRewrittenByteForByte() throws IOException {
        byte[] golden = golden();
        AutoencoderModel model = AutoencoderFile.fromEnvelope(envelope(golden), "golden");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AutoencoderFile.toEnvelope(model).writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of payload version 1 must not change");
    }

    @Test
    void aSavedModelLoadsWithIdenticalScoresContributionsAndSettings() throws IOException {
        AutoencoderOptions options = new AutoencoderOptions().withLayers(List.of(8), 2).withEpochs(10, 3)
                .withScaler(AutoencoderOptions.ScalerKind.ROBUST)
                .withValidation(0.25, AutoencoderOptions.ValidationSplit.LAST)
                .withThreshold(ThresholdRule.falseAlarmRate(0.02));
        AutoencoderModel model = new AutoencoderTrainer(options).fit(ManifoldData.normal(200, 30),
                ManifoldData.SCHEMA);
        Path file = dir.resolve("models/ae.i4");
        Files.createDirectories(file.getParent());
        AutoencoderFile format = new AutoencoderFile();
        format.write(model, file);
        AutoencoderModel loaded = format.read(file);
        assertEquals(model.toString(), loaded.toString());
        assertEquals(options, loaded.options());
        assertEquals(model.history(), loaded.history());
        assertEquals(model.threshold(), loaded.threshold());
        assertArrayEquals(model.scaler().center(), loaded.scaler().center());
        assertArrayEquals(model.scaler().scale(), loaded.scaler().scale());
        double[][] rows = ManifoldData.normal(100, 31);
        assertArrayEquals(model.scoreAll(rows), loaded.scoreAll(rows));
        for (double[] x : rows) {
            assertEquals(model.score(x), loaded.score(x));
            assertArrayEquals(model.contributions(x), loaded.contributions(x));
        }
    }

    @Test
    void foreignDamagedAndInconsistentFilesAreRefusedWithTheirName() throws IOException {
        FeatureSchema schema = AutoencoderGolden.SCHEMA;
        Path file = dir.resolve("other.i4");
        new ModelEnvelope("pca-spc", 1, schema, new byte[8]).write(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new AutoencoderFile().read(file));
        assertEquals(file + " holds a pca-spc model, expected autoencoder", e.getMessage());

        ModelEnvelope newer = new ModelEnvelope("autoencoder", 2, schema, new byte[8]);
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(newer, "m.i4"));
        assertEquals("m.i4 holds autoencoder payload version 2; this library reads up to version 1", e.getMessage());

        byte[] payload = envelope(golden()).payload();
        ModelEnvelope truncated = new ModelEnvelope("autoencoder", 1, schema,
                Arrays.copyOf(payload, payload.length - 8));
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(truncated, "m.i4"));
        assertEquals("m.i4 has an invalid or truncated network layer 3 (4 -> 3)", e.getMessage());

        ModelEnvelope cut = new ModelEnvelope("autoencoder", 1, schema, Arrays.copyOf(payload, 80));
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(cut, "m.i4"));
        assertEquals("m.i4 has a truncated autoencoder payload", e.getMessage());

        // Trailing bytes are found after the network is built: it is freed, and the load refused.
        ModelEnvelope trailing = new ModelEnvelope("autoencoder", 1, schema,
                Arrays.copyOf(payload, payload.length + 3));
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(trailing, "m.i4"));
        assertEquals("m.i4 has 3 unexpected bytes after the autoencoder payload", e.getMessage());

        ModelEnvelope otherSchema = new ModelEnvelope("autoencoder", 1, FeatureSchema.of("a", "b"), payload);
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(otherSchema, "m.i4"));
        assertEquals("m.i4 has an autoencoder payload of 3 features but a schema of 2", e.getMessage());
    }

    @Test
    void aNetworkThatDoesNotMatchItsOptionsOrHasBadWeightsIsRefused() throws IOException {
        byte[] payload = envelope(golden()).payload();
        // Options that promise a latent size of 2 for a network whose latent layer has 1 unit.
        ModelEnvelope inconsistent = new ModelEnvelope("autoencoder", 1, AutoencoderGolden.SCHEMA,
                replaceLatentSize(payload, 2));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> AutoencoderFile.fromEnvelope(inconsistent, "m.i4"));
        assertEquals("m.i4 holds an invalid autoencoder model: a network of layer widths [4, 1, 4, 3] for 3 inputs does"
                + " not match the options' [4, 2, 4, 3] for 3 features", e.getMessage());

        // The first layer's activation name follows the options' (both "ELU"); its weights follow it.
        byte[] elu = {0, 3, 'E', 'L', 'U'};
        int layer0 = indexOf(payload, elu, indexOf(payload, elu, 0) + 1);
        byte[] unknown = payload.clone();
        unknown[layer0 + 3] = 'X';
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(
                new ModelEnvelope("autoencoder", 1, AutoencoderGolden.SCHEMA, unknown), "m.i4"));
        assertEquals("m.i4 has an unknown activation \"EXU\" in layer 0", e.getMessage());

        byte[] nan = payload.clone();
        ByteBuffer.wrap(nan).putDouble(layer0 + elu.length, Double.NaN);
        e = assertThrows(ModelFormatException.class, () -> AutoencoderFile.fromEnvelope(
                new ModelEnvelope("autoencoder", 1, AutoencoderGolden.SCHEMA, nan), "m.i4"));
        assertEquals("m.i4 has an invalid network layer 0: a network weight must be finite, got NaN", e.getMessage());
    }

    /** The payload with the options' latent size replaced (found by walking the layout). */
    private static byte[] replaceLatentSize(byte[] payload, int latent) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int p = in.readInt();
        in.readUTF();                     // scaler kind
        in.readInt();                     // scaler feature count
        in.skipNBytes(2L * p * Double.BYTES);
        in.readDouble();                  // threshold
        int encoders = in.readInt();
        in.skipNBytes(4L * encoders);
        int offset = payload.length - in.available();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload, 0, offset);
        new DataOutputStream(out).writeInt(latent);
        out.write(payload, offset + 4, payload.length - offset - 4);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

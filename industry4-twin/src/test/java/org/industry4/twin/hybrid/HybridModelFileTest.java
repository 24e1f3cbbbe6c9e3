package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridModelFileTest {

    /** Printed by {@link HybridGolden} when the golden file was made. */
    private static final double GOLDEN_K = 1.576998100310798;
    private static final double GOLDEN_TAU = 1.5389749806179702;
    private static final double[] GOLDEN_PREDICTIONS = {0.6261226552417749, 0.8387630658114064, 3.4727247661571496};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = HybridModelFileTest.class.getResourceAsStream("/golden/hybrid-twin-v1.i4")) {
            assertTrue(in != null, "golden file missing from test resources");
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenFileOfPayloadVersionOneGivesItsFrozenPredictions() throws IOException {
        Path file = dir.resolve("golden.i4");
        Files.write(file, golden());
        HybridModel model = new HybridModelFile().read(file);
        assertEquals(HybridGolden.spec(), model.spec());
        assertEquals(HybridGolden.options(), model.options());
        assertEquals(GOLDEN_K, model.parameter("k"));
        assertEquals(GOLDEN_TAU, model.parameter("tau"));
        assertEquals(20, model.history().epochs().size() - model.history().physicsEpochs());
        assertEquals(64, model.history().trainingRows());
        assertEquals(16, model.history().validationRows());
        double[][] probes = HybridGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            assertEquals(GOLDEN_PREDICTIONS[i], model.predict(probes[i]), 1e-12, "prediction of probe " + i);
        }
    }

    @Test
    void theGoldenFileIsRewrittenByteForByte() throws IOException {
        byte[] golden = golden();
        HybridModel model = HybridModelFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden"), "golden");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HybridModelFile.toEnvelope(model).writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of payload version 1 must not change");
    }

    @Test
    void aSavedModelLoadsWithIdenticalPredictionsAndSettings() throws IOException {
        HybridModel model = SharedModel.MODEL;
        Path file = dir.resolve("models/twin.i4");
        Files.createDirectories(file.getParent());
        HybridModelFile format = new HybridModelFile();
        format.write(model, file);
        HybridModel loaded = format.read(file);
        assertEquals(model.spec(), loaded.spec());
        assertEquals(model.options(), loaded.options());
        assertEquals(model.history(), loaded.history());
        assertEquals(model.parameters(), loaded.parameters());
        assertEquals(model.toString(), loaded.toString());
        for (double[] row : SharedModel.DATA.x) {
            assertEquals(model.predict(row), loaded.predict(row));
            assertEquals(model.correction(row), loaded.correction(row));
        }
        format.write(model.withoutCorrection(), file);
        HybridModel physics = format.read(file);
        assertFalse(physics.hasCorrection());
        assertArrayEquals(model.withoutCorrection().predictAll(SharedModel.DATA.x),
                physics.predictAll(SharedModel.DATA.x));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aTruncatedOrDamagedFileIsAModelFormatException() throws IOException {
        byte[] golden = golden();
        Path file = dir.resolve("bad.i4");
        HybridModelFile format = new HybridModelFile();
        for (int length : new int[] {0, 5, 40, golden.length / 2, golden.length - 1}) {
            Files.write(file, Arrays.copyOf(golden, length));
            assertThrows(ModelFormatException.class, () -> format.read(file), "truncated to " + length);
        }
        byte[] damaged = golden.clone();
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(file, damaged);
        assertTrue(assertThrows(ModelFormatException.class, () -> format.read(file)).getMessage()
                .contains("checksum"));
    }

    @Test
    void aDamagedPayloadInAValidEnvelopeIsAModelFormatException() throws IOException {
        ModelEnvelope good = ModelEnvelope.readFrom(new ByteArrayInputStream(golden()), "golden");
        byte[] payload = good.payload();
        FeatureSchema schema = good.schema();
        ModelEnvelope cut = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 1, schema,
                Arrays.copyOf(payload, payload.length - 3));
        assertTrue(assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(cut, "cut"))
                .getMessage().startsWith("cut "));
        ModelEnvelope longer = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 1, schema,
                Arrays.copyOf(payload, payload.length + 2));
        assertTrue(assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(longer, "long"))
                .getMessage().contains("unexpected bytes"));
        ModelEnvelope other = new ModelEnvelope("autoencoder", 1, schema, payload);
        assertTrue(assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(other, "other"))
                .getMessage().contains("expected hybrid-twin"));
        ModelEnvelope newer = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 2, schema, payload);
        assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(newer, "newer"));
        ModelEnvelope renamed = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 1, FeatureSchema.of("x", "s"), payload);
        assertTrue(assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(renamed, "renamed"))
                .getMessage().contains("\"t\""), "the physics reads an input the schema lacks");
    }
}

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
    /** Printed by {@link HybridGolden} when the golden file of version 2 (softplus) was made. */
    private static final double GOLDEN_V2_K = 1.956954294149412;
    private static final double GOLDEN_V2_TAU = 2.901656782881765;
    private static final double[] GOLDEN_V2_PREDICTIONS = {0.5834931776364529, 0.791906894239858, 3.791921966012473};
    /** Printed by {@link HybridGolden} when the golden file of version 3 (softplus, correction factor x) was made. */
    private static final double GOLDEN_V3_K = 2.0168180757546796;
    private static final double GOLDEN_V3_TAU = 3.1057512937721805;
    private static final double[] GOLDEN_V3_PREDICTIONS = {0.6291385916525424, 0.7801836754760727, 3.8794974007278595};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        return golden(1);
    }

    private static byte[] golden(int version) throws IOException {
        try (InputStream in = HybridModelFileTest.class.getResourceAsStream("/golden/hybrid-twin-v" + version + ".i4")) {
            assertTrue(in != null, "golden file of version " + version + " missing from test resources");
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
    void theGoldenFileOfPayloadVersionTwoGivesItsFrozenPredictionsAndActivation() throws IOException {
        Path file = dir.resolve("golden-v2.i4");
        Files.write(file, golden(2));
        HybridModel model = new HybridModelFile().read(file);
        assertEquals(HybridGolden.spec(), model.spec());
        assertEquals(HybridGolden.options(Activation.SOFTPLUS), model.options());
        assertEquals(Activation.SOFTPLUS, model.options().activation());
        assertEquals(GOLDEN_V2_K, model.parameter("k"));
        assertEquals(GOLDEN_V2_TAU, model.parameter("tau"));
        double[][] probes = HybridGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            assertEquals(GOLDEN_V2_PREDICTIONS[i], model.predict(probes[i]), 1e-12, "prediction of probe " + i);
        }
    }

    @Test
    void theGoldenFileOfPayloadVersionThreeGivesItsFrozenPredictionsAndCorrectionFactor() throws IOException {
        Path file = dir.resolve("golden-v3.i4");
        Files.write(file, golden(3));
        HybridModel model = new HybridModelFile().read(file);
        assertEquals(HybridGolden.specWithFactor(), model.spec());
        assertEquals(Expr.input("x"), model.spec().correctionFactor());
        assertEquals(GOLDEN_V3_K, model.parameter("k"));
        assertEquals(GOLDEN_V3_TAU, model.parameter("tau"));
        double[][] probes = HybridGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            assertEquals(GOLDEN_V3_PREDICTIONS[i], model.predict(probes[i]), 1e-12, "prediction of probe " + i);
            assertEquals(model.predict(probes[i]) - model.physics(probes[i]), model.correction(probes[i]), 1e-12);
        }
    }

    @Test
    void theGoldenFilesOfVersionsTwoAndThreeAreRewrittenByteForByte() throws IOException {
        for (int version : new int[] {2, HybridModelFile.PAYLOAD_VERSION}) {
            byte[] golden = golden(version);
            HybridModel model = HybridModelFile.fromEnvelope(
                    ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden"), "golden");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HybridModelFile.toEnvelope(model).writeTo(out);
            assertArrayEquals(golden, out.toByteArray(), "the layout of payload version " + version + " must not change");
        }
    }

    @Test
    void onlyAModelWithACorrectionFactorNeedsVersionThree() throws IOException {
        HybridModel plain = HybridModelFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden(2)), "golden"), "golden");
        assertEquals(2, HybridModelFile.toEnvelope(plain).payloadVersion(), "older readers keep reading it");
        HybridModel withFactor = HybridModelFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden(3)), "golden"), "golden");
        assertEquals(3, HybridModelFile.toEnvelope(withFactor).payloadVersion());
        ModelEnvelope good = ModelEnvelope.readFrom(new ByteArrayInputStream(golden(3)), "golden");
        ModelEnvelope asVersionTwo = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 2, good.schema(), good.payload());
        assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(asVersionTwo, "v2"),
                "a version-3 payload read as version 2 is misread, and refused");
    }

    @Test
    void aVersionOneFileIsRewrittenAsVersionTwoWithTheSameModel() throws IOException {
        HybridModel model = HybridModelFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden(1)), "golden"), "golden");
        assertEquals(Activation.TANH, model.options().activation());
        ModelEnvelope rewritten = HybridModelFile.toEnvelope(model);
        assertEquals(2, rewritten.payloadVersion());
        HybridModel again = HybridModelFile.fromEnvelope(rewritten, "rewritten");
        assertEquals(model.options(), again.options());
        assertEquals(model.history(), again.history());
        for (double[] probe : HybridGolden.probes()) {
            assertEquals(model.predict(probe), again.predict(probe));
        }
    }

    @Test
    void anUnknownActivationIsAModelFormatException() throws IOException {
        ModelEnvelope good = ModelEnvelope.readFrom(new ByteArrayInputStream(golden(2)), "golden");
        byte[] payload = good.payload();
        byte[] name = "SOFTPLUS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i + name.length <= payload.length && at < 0; i++) {
            if (Arrays.equals(Arrays.copyOfRange(payload, i, i + name.length), name)) {
                at = i;
            }
        }
        assertTrue(at > 0, "the payload names its activation");
        payload[at + 7] = 'Z';
        ModelEnvelope bad = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 2, good.schema(), payload);
        assertEquals("bad has an unknown activation \"SOFTPLUZ\"",
                assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(bad, "bad")).getMessage());
        ModelEnvelope asVersionOne = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 1, good.schema(), good.payload());
        assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(asVersionOne, "v1"),
                "a version-2 payload read as version 1 has unread bytes");
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
        ModelEnvelope newer = new ModelEnvelope(HybridModelFile.MODEL_TYPE, HybridModelFile.PAYLOAD_VERSION + 1,
                schema, payload);
        assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(newer, "newer"));
        ModelEnvelope renamed = new ModelEnvelope(HybridModelFile.MODEL_TYPE, 1, FeatureSchema.of("x", "s"), payload);
        assertTrue(assertThrows(ModelFormatException.class, () -> HybridModelFile.fromEnvelope(renamed, "renamed"))
                .getMessage().contains("\"t\""), "the physics reads an input the schema lacks");
    }
}

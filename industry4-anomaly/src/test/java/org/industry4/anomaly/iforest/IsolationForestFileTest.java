package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolationForestFileTest {

    /** Printed by {@link IsolationForestGoldenFiles} when it wrote the files; frozen. */
    private static final double[] GOLDEN_STANDARD_SCORES =
            {0.4889564219323456, 0.5321390962382648, 0.6566744390879904, 0.4625320927726253, 0.7043552561829635};
    private static final double GOLDEN_STANDARD_THRESHOLD = 0.5321390962382648;
    private static final double[] GOLDEN_EXTENDED_SCORES =
            {0.5013019088590437, 0.6566744390879904, 0.5013019088590437, 0.4673666405184607, 0.5707774616237967};
    private static final double GOLDEN_EXTENDED_THRESHOLD = 0.5013019088590437;

    private final IsolationForestFile file = new IsolationForestFile();

    @TempDir
    Path dir;

    @Test
    void theGoldenStandardForestOfPayloadVersionOneLoadsAndScoresAsWhenItWasWritten() throws IOException {
        checkGolden("isolation-forest-v1.bin", 0, GOLDEN_STANDARD_SCORES, GOLDEN_STANDARD_THRESHOLD);
    }

    @Test
    void theGoldenExtendedForestOfPayloadVersionOneLoadsAndScoresAsWhenItWasWritten() throws IOException {
        checkGolden("extended-isolation-forest-v1.bin", 1, GOLDEN_EXTENDED_SCORES, GOLDEN_EXTENDED_THRESHOLD);
    }

    private void checkGolden(String name, int level, double[] scores, double threshold) throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name + " missing from test resources");
            golden = in.readAllBytes();
        }
        Path copy = dir.resolve(name);
        Files.write(copy, golden);
        IsolationForestModel model = file.read(copy);
        assertEquals(IsolationForestGoldenFiles.SCHEMA, model.schema());
        assertEquals(IsolationForestGoldenFiles.options(level), model.options());
        assertEquals(3, model.trees());
        assertEquals(8, model.sampleSize());
        assertEquals(threshold, model.threshold(), 1e-15);
        for (int i = 0; i < scores.length; i++) {
            assertEquals(scores[i], model.score(IsolationForestGoldenFiles.PROBES[i]), 1e-12, "probe " + i);
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        file.envelope(model).writeTo(rewritten);
        assertArrayEquals(golden, rewritten.toByteArray(), "the layout of payload version 1 must not change");
    }

    @Test
    void aSavedForestLoadsWithIdenticalScoresAndThreshold() throws IOException {
        double[][] rows = TestData.concat(TestData.blob(500, 3, 1), TestData.far(5, 3, 6, 2));
        double[][] probe = TestData.blob(200, 3, 3);
        for (int level : new int[] {0, 2}) {
            IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                    .withExtensionLevel(level).withMaxFeatures(level == 0 ? 0.7 : 1.0)).fit(rows, TestData.schema(3));
            Path path = dir.resolve("forest-" + level + ".i4");
            file.write(model, path);
            IsolationForestModel loaded = file.read(path);
            assertArrayEquals(model.scoreAll(probe), loaded.scoreAll(probe));
            assertEquals(model.threshold(), loaded.threshold());
            assertEquals(model.options(), loaded.options());
            assertEquals(model.height(), loaded.height());
        }
    }

    @Test
    void anotherModelTypeANewerVersionAndDamagedPayloadsAreRefusedWithTheFileName() throws IOException {
        IsolationForestModel model = new IsolationForestTrainer(IsolationForestGoldenFiles.options(0))
                .fit(IsolationForestGoldenFiles.rows(), IsolationForestGoldenFiles.SCHEMA);
        ModelEnvelope good = file.envelope(model);
        FeatureSchema schema = good.schema();

        ModelEnvelope foreign = new ModelEnvelope("autoencoder", 1, schema, new byte[] {1, 2, 3});
        assertFormatError("m.i4 holds a autoencoder model, expected isolation-forest", foreign);
        ModelEnvelope newer = new ModelEnvelope(IsolationForestFile.MODEL_TYPE, 2, schema, good.payload());
        assertFormatError("m.i4 holds isolation-forest payload version 2; this library reads up to version 1", newer);

        byte[] payload = good.payload();
        assertFormatError("m.i4 has a truncated isolation-forest payload",
                withPayload(good, Arrays.copyOf(payload, 50)));

        // The payload: 48 bytes of options, psi and threshold, then per split node int feature, double threshold.
        byte[] feature = payload.clone();
        ByteBuffer.wrap(feature).putInt(48, 2);
        assertFormatError("m.i4 holds an invalid isolation forest: feature 2 at split node 0", withPayload(good, feature));

        byte[] nan = payload.clone();
        ByteBuffer.wrap(nan).putDouble(52, Double.NaN);
        assertFormatError("m.i4 holds an invalid isolation forest: threshold NaN at split node 0", withPayload(good, nan));

        byte[] contamination = payload.clone();
        ByteBuffer.wrap(contamination).putDouble(16, 0.9);
        assertFormatError("m.i4 holds an invalid isolation forest: contamination must be in (0, 0.5], got 0.9",
                withPayload(good, contamination));

        byte[] longer = Arrays.copyOf(payload, payload.length + 8);
        assertFormatError("m.i4 has 8 unexpected bytes after the isolation-forest payload", withPayload(good, longer));

        byte[] leaf = payload.clone();
        ByteBuffer.wrap(leaf).putDouble(payload.length - 8, -1.0);
        assertFormatError("m.i4 holds an invalid isolation forest: path length -1.0 at leaf 23", withPayload(good, leaf));

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model", StandardCharsets.UTF_8);
        assertThrows(ModelFormatException.class, () -> file.read(text));
    }

    private static ModelEnvelope withPayload(ModelEnvelope e, byte[] payload) {
        return new ModelEnvelope(e.modelType(), e.payloadVersion(), e.schema(), payload);
    }

    private void assertFormatError(String expected, ModelEnvelope envelope) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> file.fromEnvelope(envelope, "m.i4"));
        assertEquals(expected, e.getMessage());
    }
}

package org.industry4.anomaly.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultClassifierFileTest {

    /** Probabilities of {@link FaultClassifierGolden#probes()} printed when the golden file was made. */
    private static final double[][] GOLDEN_PROBABILITIES = {
            {0.17115384615384616, 0.6876696832579186, 0.1411764705882353},
            {0.7711538461538462, 0.22884615384615384, 0.0},
            {0.0, 0.058823529411764705, 0.9411764705882353},
            {0.24500000000000002, 0.6138235294117647, 0.1411764705882353},
            {0.7711538461538462, 0.22884615384615384, 0.0}};
    private static final String[] GOLDEN_LABELS = {"normal", "bearing", "overheating", "unknown", "unknown"};
    private static final String[] GOLDEN_OUT_OF_RANGE = {"", "", "", "x", "x"};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = FaultClassifierFileTest.class.getResourceAsStream("/golden/fault-classifier-v1.i4")) {
            assertTrue(in != null, "golden file missing from test resources");
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenFileOfPayloadVersionOneGivesItsFrozenDiagnoses() throws IOException {
        Path file = dir.resolve("golden.i4");
        Files.write(file, golden());
        FaultClassifierModel model = new FaultClassifierFile().read(file);
        assertEquals(FaultTestData.SCHEMA, model.schema());
        assertEquals(List.of("bearing", "normal", "overheating"), model.classes());
        assertEquals(new FaultClassifierOptions(5, 4, 1, 0, 0.6, 0.25, 5), model.options());
        assertEquals(60, model.trainingRows());
        assertEquals(45, model.nodes());
        double[][] probes = FaultClassifierGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            Diagnosis d = model.classify(probes[i]);
            assertArrayEquals(GOLDEN_PROBABILITIES[i], d.probabilities(), 1e-15, "probe " + i);
            assertEquals(GOLDEN_LABELS[i], d.label(), "probe " + i);
            assertEquals(GOLDEN_OUT_OF_RANGE[i], d.outOfRange(), "probe " + i);
        }
    }

    @Test
    void theGoldenFileIsWrittenByteForByteAndTheTrainerStillGrowsItsForest() throws IOException {
        byte[] golden = golden();
        FaultClassifierModel read = FaultClassifierFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden"), "golden");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FaultClassifierFile.toEnvelope(read).writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of payload version 1 must not change");

        ByteArrayOutputStream refit = new ByteArrayOutputStream();
        FaultClassifierFile.toEnvelope(FaultClassifierGolden.model()).writeTo(refit);
        assertArrayEquals(golden, refit.toByteArray(), "the same seed and data still grow the same trees");
    }

    @Test
    void aSavedModelLoadsWithIdenticalDiagnoses() throws IOException {
        FaultTestData.Labelled data = FaultTestData.sample(3, 80, 1.5, 31);
        FaultClassifierModel model = new FaultClassifierTrainer(new FaultClassifierOptions().withTrees(30)
                .withUnknownThreshold(0.7).withRangeMargin(Double.POSITIVE_INFINITY))
                .fit(data.x(), data.labels(), FaultTestData.SCHEMA);
        Path file = dir.resolve("models/fault.i4");
        Files.createDirectories(file.getParent());
        FaultClassifierFile format = new FaultClassifierFile();
        format.write(model, file);
        FaultClassifierModel loaded = format.read(file);
        assertEquals(model.toString(), loaded.toString());
        assertEquals(model.options(), loaded.options());
        assertArrayEquals(model.featureImportances(), loaded.featureImportances());
        assertArrayEquals(model.trainingMaximum("normal"), loaded.trainingMaximum("normal"));
        SplittableRandom random = new SplittableRandom(32);
        for (int i = 0; i < 200; i++) {
            double[] x = FaultTestData.row(i % 4, 3, random);
            assertEquals(model.classify(x), loaded.classify(x));
        }
    }

    @Test
    void foreignDamagedAndInconsistentFilesAreRefusedWithTheirName() throws IOException {
        Path file = dir.resolve("other.i4");
        new ModelEnvelope("pca-spc", 1, FaultTestData.SCHEMA, new byte[8]).write(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new FaultClassifierFile().read(file));
        assertEquals(file + " holds a pca-spc model, expected fault-classifier", e.getMessage());

        ModelEnvelope newer = new ModelEnvelope("fault-classifier", 2, FaultTestData.SCHEMA, new byte[8]);
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(newer, "m.i4"));
        assertEquals("m.i4 holds fault-classifier payload version 2; this library reads up to version 1",
                e.getMessage());

        byte[] payload = FaultClassifierFile.toEnvelope(FaultClassifierGolden.model()).payload();
        ModelEnvelope truncated = new ModelEnvelope("fault-classifier", 1, FaultTestData.SCHEMA,
                Arrays.copyOf(payload, payload.length - 8));
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(truncated, "m.i4"));
        assertEquals("m.i4 has a truncated fault-classifier payload", e.getMessage());

        ModelEnvelope trailing = new ModelEnvelope("fault-classifier", 1, FaultTestData.SCHEMA,
                Arrays.copyOf(payload, payload.length + 3));
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(trailing, "m.i4"));
        assertEquals("m.i4 has 3 unexpected bytes after the fault-classifier payload", e.getMessage());

        ModelEnvelope otherSchema = new ModelEnvelope("fault-classifier", 1, FeatureSchema.of("a", "b"), payload);
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(otherSchema, "m.i4"));
        assertEquals("m.i4 has a fault-classifier payload of 4 features but a schema of 2", e.getMessage());

        // d, k, 3 names; 4 ints of options, unknownThreshold, rangeMargin, seed; rows, nodes, leaves; then arrays
        int options = 4 + 4 + (2 + 7) + (2 + 6) + (2 + 11);
        int unknownThreshold = options + 4 * 4;
        int header = unknownThreshold + 8 + 8 + 8 + 4 + 4 + 4;
        int trees = ByteBuffer.wrap(payload).getInt(options);
        assertEquals(5, trees);
        int features = header + 4 * trees;
        byte[] cycle = payload.clone();
        int leftOfRoot = features + 45 * 4 + 45 * 8;
        ByteBuffer.wrap(cycle).putInt(leftOfRoot, 0);
        ModelEnvelope invalid = new ModelEnvelope("fault-classifier", 1, FaultTestData.SCHEMA, cycle);
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(invalid, "m.i4"));
        assertTrue(e.getMessage().startsWith("m.i4 holds an invalid fault-classifier model: node 0 of tree 0 has "
                + "children 0 and "), e.getMessage());

        byte[] badFeature = payload.clone();
        ByteBuffer.wrap(badFeature).putInt(features, 9);
        ModelEnvelope outside = new ModelEnvelope("fault-classifier", 1, FaultTestData.SCHEMA, badFeature);
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(outside, "m.i4"));
        assertEquals("m.i4 holds an invalid fault-classifier model: node 0 splits on feature 9 of 4", e.getMessage());

        byte[] badThreshold = payload.clone();
        ByteBuffer.wrap(badThreshold).putDouble(unknownThreshold, 1.5);
        ModelEnvelope threshold = new ModelEnvelope("fault-classifier", 1, FaultTestData.SCHEMA, badThreshold);
        e = assertThrows(ModelFormatException.class, () -> FaultClassifierFile.fromEnvelope(threshold, "m.i4"));
        assertEquals("m.i4 holds invalid fault-classifier options: unknownThreshold must be in [0, 1], got 1.5",
                e.getMessage());
    }
}

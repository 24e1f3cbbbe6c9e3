package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaSpcFileTest {

    /** Statistics of {@link PcaSpcGolden#probes()} printed when the golden file was made: t2, q, t2Limit, qLimit. */
    private static final double[][] GOLDEN_STATISTICS = {
            {0.2665026884115312, 0.12042065652459405, 10.96414255348278, 1.0838382250565568},
            {4.828800496243317, 2.38886555337268, 10.96414255348278, 1.0838382250565568},
            {0.8006859489203388, 8.522548006830617, 10.96414255348278, 1.0838382250565568}};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = PcaSpcFileTest.class.getResourceAsStream("/golden/pca-spc-v1.i4")) {
            assertTrue(in != null, "golden file missing from test resources");
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenFileOfPayloadVersionOneGivesItsFrozenStatistics() throws IOException {
        Path file = dir.resolve("golden.i4");
        Files.write(file, golden());
        PcaSpcModel model = new PcaSpcFile().read(file);
        assertEquals(SpcTestData.SCHEMA, model.schema());
        assertEquals(2, model.components());
        assertEquals(40, model.trainingRows());
        assertEquals(0.99, model.confidence());
        assertEquals(QLimitMethod.JACKSON_MUDHOLKAR, model.qLimitMethod());
        double[][] probes = PcaSpcGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            SpcStatistics s = model.statistics(probes[i]);
            double[] expected = GOLDEN_STATISTICS[i];
            assertEquals(expected[0], s.t2(), 1e-12 * expected[0], "t2 of probe " + i);
            assertEquals(expected[1], s.q(), 1e-12 * expected[1], "q of probe " + i);
            assertEquals(expected[2], s.t2Limit(), "stored limits are read exactly");
            assertEquals(expected[3], s.qLimit(), "stored limits are read exactly");
        }
        assertTrue(!model.statistics(probes[0]).outOfControl());
        assertTrue(model.statistics(probes[2]).qOutOfControl());
    }

    @Test
    void theGoldenFileIsWrittenByteForByteAndTheTrainerStillFitsItsModel() throws IOException {
        byte[] golden = golden();
        PcaSpcModel read = PcaSpcFile.fromEnvelope(ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden"),
                "golden");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcaSpcFile.toEnvelope(read).writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of payload version 1 must not change");

        // Refitting the golden model's data gives the same statistics (the fit has not drifted).
        PcaSpcModel refit = PcaSpcGolden.model();
        for (double[] probe : PcaSpcGolden.probes()) {
            SpcStatistics a = read.statistics(probe);
            SpcStatistics b = refit.statistics(probe);
            assertEquals(a.t2(), b.t2(), 1e-9 * a.t2());
            assertEquals(a.q(), b.q(), 1e-9 * a.q());
            assertEquals(a.t2Limit(), b.t2Limit(), 1e-9 * a.t2Limit());
            assertEquals(a.qLimit(), b.qLimit(), 1e-9 * a.qLimit());
        }
    }

    @Test
    void aSavedModelLoadsWithIdenticalStatisticsAndContributions() throws IOException {
        PcaSpcModel model = new PcaSpcTrainer(new PcaSpcOptions().withStandardise(false)
                .withQLimitMethod(QLimitMethod.BOX)).fit(SpcTestData.normal(500, 4), SpcTestData.SCHEMA);
        Path file = dir.resolve("models/spc.i4");
        Files.createDirectories(file.getParent());
        PcaSpcFile format = new PcaSpcFile();
        format.write(model, file);
        PcaSpcModel loaded = format.read(file);
        assertEquals(model.toString(), loaded.toString());
        assertTrue(!loaded.standardised());
        assertEquals(QLimitMethod.BOX, loaded.qLimitMethod());
        for (double[] x : SpcTestData.normal(100, 5)) {
            assertEquals(model.statistics(x), loaded.statistics(x));
            assertArrayEquals(model.t2Contributions(x), loaded.t2Contributions(x));
            assertArrayEquals(model.qContributions(x), loaded.qContributions(x));
        }
    }

    @Test
    void foreignDamagedAndInconsistentFilesAreRefusedWithTheirName() throws IOException {
        Path file = dir.resolve("other.i4");
        new ModelEnvelope("isolation-forest", 1, SpcTestData.SCHEMA, new byte[8]).write(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new PcaSpcFile().read(file));
        assertEquals(file + " holds a isolation-forest model, expected pca-spc", e.getMessage());

        ModelEnvelope newer = new ModelEnvelope("pca-spc", 2, SpcTestData.SCHEMA, new byte[8]);
        e = assertThrows(ModelFormatException.class, () -> PcaSpcFile.fromEnvelope(newer, "m.i4"));
        assertEquals("m.i4 holds pca-spc payload version 2; this library reads up to version 1", e.getMessage());

        byte[] payload = PcaSpcFile.toEnvelope(PcaSpcGolden.model()).payload();
        ModelEnvelope truncated = new ModelEnvelope("pca-spc", 1, SpcTestData.SCHEMA,
                Arrays.copyOf(payload, payload.length - 8));
        e = assertThrows(ModelFormatException.class, () -> PcaSpcFile.fromEnvelope(truncated, "m.i4"));
        assertEquals("m.i4 has a truncated pca-spc payload", e.getMessage());

        ModelEnvelope trailing = new ModelEnvelope("pca-spc", 1, SpcTestData.SCHEMA,
                Arrays.copyOf(payload, payload.length + 3));
        e = assertThrows(ModelFormatException.class, () -> PcaSpcFile.fromEnvelope(trailing, "m.i4"));
        assertEquals("m.i4 has 3 unexpected bytes after the pca-spc payload", e.getMessage());

        ModelEnvelope otherSchema = new ModelEnvelope("pca-spc", 1, FeatureSchema.of("a", "b"), payload);
        e = assertThrows(ModelFormatException.class, () -> PcaSpcFile.fromEnvelope(otherSchema, "m.i4"));
        assertEquals("m.i4 has a pca-spc payload of 5 features but a schema of 2", e.getMessage());

        // A negative scale is not a model: the first scale value follows the header and the 5 means.
        byte[] badScale = payload.clone();
        int header = 4 + 4 + 4 + 8 + 1 + 2 + "JACKSON_MUDHOLKAR".length() + 8 + 8;
        java.nio.ByteBuffer.wrap(badScale).putDouble(header + 5 * 8, -1.0);
        ModelEnvelope invalid = new ModelEnvelope("pca-spc", 1, SpcTestData.SCHEMA, badScale);
        e = assertThrows(ModelFormatException.class, () -> PcaSpcFile.fromEnvelope(invalid, "m.i4"));
        assertEquals("m.i4 holds an invalid pca-spc model: scale[0] must be finite and > 0, got -1.0", e.getMessage());
    }
}

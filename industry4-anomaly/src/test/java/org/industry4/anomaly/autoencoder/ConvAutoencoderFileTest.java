package org.industry4.anomaly.autoencoder;

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
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvAutoencoderFileTest {

    /** Printed by {@link ConvAutoencoderGolden} when the golden file was made. */
    private static final double GOLDEN_THRESHOLD = 1.0747803306625605;
    private static final double[] GOLDEN_SCORES = {0.35105460963694307, 0.9784338447780215, 1.0575868959175916};

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = ConvAutoencoderFileTest.class.getResourceAsStream("/golden/conv-autoencoder-v1.i4")) {
            assertTrue(in != null, "golden file missing from test resources");
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenFileOfPayloadVersionOneGivesItsFrozenScores() throws IOException {
        Path file = dir.resolve("golden.i4");
        Files.write(file, golden());
        ConvAutoencoderModel model = new ConvAutoencoderFile().read(file);
        assertEquals(ConvAutoencoderGolden.SENSORS, model.sensors());
        assertEquals(SlidingWindows.schema(ConvAutoencoderGolden.SENSORS, 8), model.schema());
        assertEquals(ConvAutoencoderGolden.options(), model.options());
        assertEquals(GOLDEN_THRESHOLD, model.threshold(), "the stored threshold is read exactly");
        assertEquals(20, model.history().epochs().size());
        double[][] probes = ConvAutoencoderGolden.probes();
        for (int i = 0; i < probes.length; i++) {
            assertEquals(GOLDEN_SCORES[i], model.score(probes[i]), 1e-9, "score of probe " + i);
        }
        assertEquals("a", model.topContributor(probes[2]));
    }

    @Test
    void theGoldenFileIsRewrittenByteForByte() throws IOException {
        byte[] golden = golden();
        ConvAutoencoderModel model = ConvAutoencoderFile.fromEnvelope(
                ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden"), "golden");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConvAutoencoderFile.toEnvelope(model).writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of payload version 1 must not change");
    }

    @Test
    void aSavedModelLoadsWithIdenticalScoresContributionsAndSettings() throws IOException {
        ConvAutoencoderModel model = PhaseData.shared();
        Path file = dir.resolve("conv.i4");
        new ConvAutoencoderFile().write(model, file);
        ConvAutoencoderModel loaded = new ConvAutoencoderFile().read(file);
        double[][] series = PhaseData.phaseBreak(PhaseData.normal(80, 21), 30, 50);
        assertArrayEquals(model.scoreSeries(series), loaded.scoreSeries(series));
        double[] window = SlidingWindows.window(series, 45, 16);
        assertArrayEquals(model.contributions(window), loaded.contributions(window));
        assertEquals(model.threshold(), loaded.threshold());
        assertEquals(model.options(), loaded.options());
        assertEquals(model.history(), loaded.history());
    }

    @Test
    void aForeignOrDamagedFileIsRefused() throws IOException {
        byte[] golden = golden();
        ModelEnvelope envelope = ModelEnvelope.readFrom(new ByteArrayInputStream(golden), "golden");
        ModelEnvelope foreign = new ModelEnvelope("autoencoder", 1, envelope.schema(), envelope.payload());
        assertThrows(ModelFormatException.class, () -> ConvAutoencoderFile.fromEnvelope(foreign, "x.i4"));
        byte[] payload = envelope.payload();
        ModelEnvelope truncated = new ModelEnvelope(ConvAutoencoderFile.MODEL_TYPE, 1, envelope.schema(),
                java.util.Arrays.copyOf(payload, payload.length - 9));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ConvAutoencoderFile.fromEnvelope(truncated, "x.i4"));
        assertTrue(e.getMessage().startsWith("x.i4"), e.getMessage());
    }
}

package org.industry4.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.industry4.vision.data.SyntheticParts;
import org.industry4.vision.data.SyntheticParts.Defect;
import org.industry4.vision.image.ImageTensor;
import org.industry4.vision.image.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCoreModelFileTest {

    /** Regenerate with {@code -Dindustry4.vision.writeGolden=<dir>} after a deliberate format change. */
    static final String GOLDEN = "/patchcore-v1.i4";
    static final Preprocessing PREP = new Preprocessing().withResize(48, 64).withCrop(32, 48);
    static final CellStatsExtractor EXTRACTOR = new CellStatsExtractor();

    static PatchCoreModel small() {
        List<ImageTensor> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(SyntheticParts.generate(48, 64, Defect.NONE, 20 + i).image());
        }
        return new PatchCoreTrainer(new PatchCoreOptions().withCoresetRatio(0.5).withSeed(5))
                .fit(EXTRACTOR, PREP, images).withThreshold(0.125);
    }

    static ImageTensor probe() {
        return SyntheticParts.generate(48, 64, Defect.BLOB, 77).image();
    }

    @Test
    void aSavedModelLoadsIdenticalAndScoresIdentically(@TempDir Path dir) throws IOException {
        PatchCoreModel model = small();
        Path file = dir.resolve("model.i4");
        new PatchCoreModelFile().write(model, file);
        PatchCoreModel loaded = new PatchCoreModelFile().read(file);
        assertEquals(model.options(), loaded.options());
        assertEquals(model.preprocessing(), loaded.preprocessing());
        assertEquals(model.extractorName(), loaded.extractorName());
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.threshold(), loaded.threshold());
        assertArrayEquals(model.memoryBank(), loaded.memoryBank());
        AnomalyMap a = model.score(EXTRACTOR, probe());
        AnomalyMap b = loaded.score(EXTRACTOR, probe());
        assertEquals(a.score(), b.score());
        assertArrayEquals(a.values(), b.values());
        assertEquals(32, a.height());
        assertEquals(48, a.width());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
    }

    @Test
    void aModelWithoutThresholdRoundTrips(@TempDir Path dir) throws IOException {
        List<ImageTensor> images = List.of(SyntheticParts.generate(48, 64, Defect.NONE, 1).image());
        PatchCoreModel model = new PatchCoreTrainer().fit(EXTRACTOR, PREP, images);
        Path file = dir.resolve("m.i4");
        new PatchCoreModelFile().write(model, file);
        assertTrue(new PatchCoreModelFile().read(file).threshold().isEmpty());
    }

    @Test
    void theGoldenFileStillLoadsAndScoresAsRecorded() throws IOException {
        String target = System.getProperty("industry4.vision.writeGolden");
        if (target != null) {
            new PatchCoreModelFile().write(small(), Path.of(target).resolve(GOLDEN.substring(1)));
            Files.writeString(Path.of(target).resolve("patchcore-v1.expected.txt"),
                    Double.toString(small().score(EXTRACTOR, probe()).score()) + "\n");
        }
        Path golden;
        try {
            golden = Path.of(getClass().getResource(GOLDEN).toURI());
        } catch (Exception e) {
            throw new AssertionError("missing test resource " + GOLDEN, e);
        }
        PatchCoreModel model = new PatchCoreModelFile().read(golden);
        double expected = Double.parseDouble(
                Files.readString(golden.resolveSibling("patchcore-v1.expected.txt")).trim());
        // the format must load to the same model; the score may move in float32's last digits when the
        // nearest-neighbour kernel sums in another order (|q|^2 + |m|^2 - 2 q.m cancels digits)
        assertEquals(expected, model.score(EXTRACTOR, probe()).score(), 1e-5 * expected);
        assertEquals(0.125, model.threshold().getAsDouble());
        assertEquals(PREP, model.preprocessing());
    }

    @Test
    void damagedTruncatedAndForeignFilesAreRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.i4");
        new PatchCoreModelFile().write(small(), file);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        Path damaged = dir.resolve("damaged.i4");
        Files.write(damaged, flipped);
        assertThrows(ModelFormatException.class, () -> new PatchCoreModelFile().read(damaged));

        Path truncated = dir.resolve("truncated.i4");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThrows(IOException.class, () -> new PatchCoreModelFile().read(truncated));

        ModelEnvelope envelope = PatchCoreModelFile.toEnvelope(small());
        ModelEnvelope foreign = new ModelEnvelope("isolation-forest", 1, envelope.schema(), envelope.payload());
        ModelFormatException type = assertThrows(ModelFormatException.class,
                () -> PatchCoreModelFile.fromEnvelope(foreign, "f.i4"));
        assertTrue(type.getMessage().contains("isolation-forest"), type.getMessage());

        ModelEnvelope newer = new ModelEnvelope("patchcore", 2, envelope.schema(), envelope.payload());
        assertThrows(ModelFormatException.class, () -> PatchCoreModelFile.fromEnvelope(newer, "n.i4"));

        ModelEnvelope schema = new ModelEnvelope("patchcore", 1, FeatureSchema.of("gray"), envelope.payload());
        assertTrue(assertThrows(ModelFormatException.class, () -> PatchCoreModelFile.fromEnvelope(schema, "s.i4"))
                .getMessage().contains("gray"));

        byte[] payload = envelope.payload();
        ModelEnvelope shortBank = new ModelEnvelope("patchcore", 1, envelope.schema(),
                java.util.Arrays.copyOf(payload, payload.length - 4));
        ModelFormatException bank = assertThrows(ModelFormatException.class,
                () -> PatchCoreModelFile.fromEnvelope(shortBank, "b.i4"));
        assertTrue(bank.getMessage().contains("memory bank"), bank.getMessage());
    }
}

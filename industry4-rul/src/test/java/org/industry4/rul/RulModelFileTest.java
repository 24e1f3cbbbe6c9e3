package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save/load gives identical predictions; the golden file of format v1 still loads; damage is refused. */
class RulModelFileTest {

    private static List<Trajectory> engines;
    private static RulModel lstm;
    private static RulModel cnn;

    @BeforeAll
    static void train() {
        engines = SyntheticEngines.generate(10, 1, 21);
        RulOptions options = RulTrainerTest.smallLstm().withTraining(5e-3, 64, 2, 2, Duration.ofMinutes(1));
        lstm = new RulTrainer(options).fit(engines);
        cnn = new RulTrainer(options.withArchitecture(RulOptions.Architecture.CNN, List.of(3, 1), 4, 6, 0.1))
                .fit(engines);
    }

    @Test
    void writeThenReadGivesIdenticalPredictions(@TempDir Path dir) throws IOException {
        for (RulModel model : List.of(lstm, cnn)) {
            Path file = dir.resolve(model.architecture() + ".i4");
            new RulModelFile().write(model, file);
            RulModel read = new RulModelFile().read(file);
            for (Trajectory t : engines) {
                assertEquals(model.predict(t), read.predict(t));
            }
            assertEquals(model.options(), read.options());
            assertEquals(model.history(), read.history());
            assertEquals(model.halfWidth(), read.halfWidth());
            assertEquals(model.calibrationPoints(), read.calibrationPoints());
            assertEquals(model.inputSchema(), read.inputSchema());
        }
    }

    @Test
    void theGoldenFileOfVersion1StillLoadsAndPredictsAsWhenItWasWritten() throws IOException {
        RulModel golden;
        try (InputStream in = getClass().getResourceAsStream("/rul-v1.i4")) {
            golden = RulModelFile.fromEnvelope(ModelEnvelope.readFrom(in, "rul-v1.i4"), "rul-v1.i4");
        }
        double[] expected;
        try (InputStream in = getClass().getResourceAsStream("/rul-v1.expected.txt")) {
            expected = Arrays.stream(new String(in.readAllBytes()).trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble).toArray();
        }
        assertArrayEquals(expected, goldenPredictions(golden), 1e-6); // float maths; exp/tanh may differ by an ulp across CPUs
        assertEquals(RulOptions.Architecture.LSTM, golden.architecture());
    }

    /** Predictions of a model on the golden engines: each engine's RUL and lower bound at three cuts. */
    static double[] goldenPredictions(RulModel model) {
        List<Trajectory> goldenEngines = SyntheticEngines.generate(3, 1, 77);
        double[] out = new double[goldenEngines.size() * 6];
        int k = 0;
        for (Trajectory t : goldenEngines) {
            for (int cycles : new int[] {5, t.cycles() / 2, t.cycles()}) {
                RulEstimate e = model.predict(t.head(cycles));
                out[k++] = e.rul();
                out[k++] = e.lower();
            }
        }
        return out;
    }

    /** Writes the golden files: run with {@code -Dindustry4.rul.writeGolden=src/test/resources}. */
    @Test
    void writeGoldenFilesWhenAsked() throws IOException {
        String dir = System.getProperty("industry4.rul.writeGolden");
        if (dir == null) {
            return; // only when regenerating the golden files on purpose
        }
        Path folder = Path.of(dir);
        new RulModelFile().write(lstm, folder.resolve("rul-v1.i4"));
        StringBuilder text = new StringBuilder();
        for (double v : goldenPredictions(lstm)) {
            text.append(String.format(Locale.ROOT, "%.17g%n", v));
        }
        Files.writeString(folder.resolve("rul-v1.expected.txt"), text);
    }

    @Test
    void truncatedForeignAndMismatchedFilesAreRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.i4");
        new RulModelFile().write(lstm, file);
        ModelEnvelope envelope = ModelEnvelope.read(file);
        byte[] payload = envelope.payload();

        ModelEnvelope truncated = new ModelEnvelope(RulModelFile.MODEL_TYPE, 1, envelope.schema(),
                Arrays.copyOf(payload, payload.length - 9));
        ModelFormatException t = assertThrows(ModelFormatException.class,
                () -> RulModelFile.fromEnvelope(truncated, "t.i4"));
        assertTrue(t.getMessage().contains("t.i4"), t.getMessage());

        ModelEnvelope foreign = new ModelEnvelope("isolation-forest", 1, envelope.schema(), payload);
        ModelFormatException f = assertThrows(ModelFormatException.class,
                () -> RulModelFile.fromEnvelope(foreign, "f.i4"));
        assertTrue(f.getMessage().contains("isolation-forest"), f.getMessage());

        ModelEnvelope newer = new ModelEnvelope(RulModelFile.MODEL_TYPE, 2, envelope.schema(), payload);
        assertThrows(ModelFormatException.class, () -> RulModelFile.fromEnvelope(newer, "n.i4"));

        FeatureSchema other = FeatureSchema.of(envelope.schema().names().stream().map(n -> n + "_x")
                .toArray(String[]::new));
        ModelEnvelope renamed = new ModelEnvelope(RulModelFile.MODEL_TYPE, 1, other, payload);
        ModelFormatException r = assertThrows(ModelFormatException.class,
                () -> RulModelFile.fromEnvelope(renamed, "r.i4"));
        assertTrue(r.getMessage().contains("schema"), r.getMessage());

        byte[] extra = Arrays.copyOf(payload, payload.length + 3);
        ModelEnvelope trailing = new ModelEnvelope(RulModelFile.MODEL_TYPE, 1, envelope.schema(), extra);
        ModelFormatException x = assertThrows(ModelFormatException.class,
                () -> RulModelFile.fromEnvelope(trailing, "x.i4"));
        assertTrue(x.getMessage().contains("3 unexpected bytes"), x.getMessage());
    }

    @Test
    void aFailedReadLeavesAnExistingFileAndNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.i4");
        new RulModelFile().write(lstm, file);
        byte[] before = Files.readAllBytes(file);
        Files.write(dir.resolve("broken.i4"), Arrays.copyOf(before, before.length / 2));
        assertThrows(IOException.class, () -> new RulModelFile().read(dir.resolve("broken.i4")));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("tmp")));
        }
    }
}

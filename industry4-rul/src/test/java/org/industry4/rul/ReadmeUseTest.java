package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.rul.data.CmapssReader;
import org.industry4.rul.data.EngineFolds;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use" snippet, call for call, on C-MAPSS-format files this test writes from
 * synthetic engines (only the training options are smaller, so it runs in seconds).
 */
class ReadmeUseTest {

    @Test
    void theReadmeSnippetRunsOnCmapssFormatFiles(@TempDir Path dir) throws IOException {
        List<Trajectory> full = SyntheticEngines.generate(16, 1, 31);
        List<Trajectory> cut = EngineFolds.cutAtRandom(SyntheticEngines.generate(4, 1, 32), 20, 3);
        Path trainFile = write(dir.resolve("train_FD001.txt"), full);
        Path testFile = write(dir.resolve("test_FD001.txt"), cut);
        Path rulFile = dir.resolve("RUL_FD001.txt");
        StringBuilder rul = new StringBuilder();
        cut.forEach(t -> rul.append(t.rulAtEnd()).append('\n'));
        Files.writeString(rulFile, rul);

        // --- the snippet ---
        List<Trajectory> engines = CmapssReader.readTrain(trainFile);                      // run to failure
        RulModel model = new RulTrainer(RulTrainerTest.smallLstm().withTraining(5e-3, 64, 2, 2, Duration.ofMinutes(1)))
                .fit(engines);
        new RulModelFile().write(model, dir.resolve("fd001.i4"));

        List<Trajectory> test = CmapssReader.readTest(testFile, rulFile);
        RulEstimate e = model.predict(test.get(0));       // e.rul(), e.lower(), e.upper() at 90 % coverage

        OnlineRulEstimator online = new OnlineRulEstimator(model);                        // per asset, from a stream
        TelemetryFrame frame = frame(test.get(0));
        Optional<RulEstimate> now = online.accept("engine-7", frame);                     // TelemetryFrame or double[]
        // --- end ---

        assertEquals(16, engines.size());
        assertEquals(cut.get(0).rulAtEnd(), test.get(0).rulAtEnd());
        assertTrue(e.lower() <= e.rul() && e.rul() <= e.upper());
        assertTrue(now.isPresent());
        assertEquals(model.predict(test.get(0).head(1)), now.get());
        assertTrue(Files.size(dir.resolve("fd001.i4")) > 0);
    }

    /** Writes {@code engines} in NASA's format: unit, cycle, then the 11 synthetic columns padded to 24 with zeros. */
    private static Path write(Path file, List<Trajectory> engines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < engines.size(); u++) {
            Trajectory t = engines.get(u);
            for (int c = 0; c < t.cycles(); c++) {
                double[] row = Arrays.copyOf(t.row(c), CmapssReader.SCHEMA.size());
                text.append(u + 1).append(' ').append(c + 1);
                for (double v : row) {
                    text.append(' ').append(String.format(Locale.ROOT, "%.6f", v));
                }
                text.append(" \n");
            }
        }
        Files.writeString(file, text);
        return file;
    }

    private static TelemetryFrame frame(Trajectory t) {
        FeatureSchema schema = t.schema();
        Quality[] good = new Quality[schema.size()];
        Arrays.fill(good, Quality.GOOD);
        return new TelemetryFrame(Instant.EPOCH, schema, t.row(0), good);
    }
}

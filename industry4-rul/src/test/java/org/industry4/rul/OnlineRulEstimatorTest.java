package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.industry4.core.FeatureSchema;
import org.industry4.core.Quality;
import org.industry4.core.TelemetryFrame;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The online estimator gives, after each row, exactly what the batch model gives on the history so far. */
class OnlineRulEstimatorTest {

    private static RulModel model;
    private static List<Trajectory> engines;

    @BeforeAll
    static void train() {
        engines = SyntheticEngines.generate(12, 1, 8);
        model = new RulTrainer(RulTrainerTest.smallLstm().withTraining(5e-3, 64, 2, 2, Duration.ofMinutes(1)))
                .fit(engines);
    }

    @Test
    void afterEveryRowTheEstimateEqualsTheBatchPredictionOfTheHistorySoFar() {
        OnlineRulEstimator online = new OnlineRulEstimator(model);
        Trajectory engine = engines.get(0);
        for (int i = 0; i < 45; i++) { // through padding (window 20) and past the ring buffer's wrap
            RulEstimate streamed = online.accept("e1", engine.row(i));
            assertEquals(model.predict(engine.head(i + 1)), streamed, "after row " + i);
        }
        assertEquals(45, online.rows("e1"));
        assertEquals(Optional.of(model.predict(engine.head(45))), online.latest("e1"));
    }

    @Test
    void assetsAreFollowedSeparatelyAndResetForgetsOne() {
        OnlineRulEstimator online = new OnlineRulEstimator(model);
        Trajectory a = engines.get(1);
        Trajectory b = engines.get(2);
        for (int i = 0; i < 30; i++) {
            online.accept("a", a.row(i));
            online.accept("b", b.row(i));
        }
        assertEquals(model.predict(a.head(30)), online.latest("a").orElseThrow());
        assertEquals(model.predict(b.head(30)), online.latest("b").orElseThrow());
        online.reset("a");
        assertEquals(Optional.empty(), online.latest("a"));
        assertEquals(0, online.rows("a"));
        assertEquals(java.util.Set.of("b"), online.assets());
        assertEquals(model.predict(a.head(1)), online.accept("a", a.row(0)));
    }

    @Test
    void framesAreMatchedByNameAndBadFramesSkipped() {
        OnlineRulEstimator online = new OnlineRulEstimator(model);
        Trajectory engine = engines.get(3);
        List<String> names = new ArrayList<>(engine.schema().names());
        names.add(0, "extra_signal");
        java.util.Collections.reverse(names);
        FeatureSchema schema = new FeatureSchema(names);
        Quality[] good = new Quality[names.size()];
        Arrays.fill(good, Quality.GOOD);
        for (int i = 0; i < 25; i++) {
            assertTrue(online.accept("m", frame(schema, engine, i, good)).isPresent());
        }
        assertEquals(model.predict(engine.head(25)), online.latest("m").orElseThrow());

        Quality[] bad = good.clone();
        bad[names.indexOf("sensor_2")] = Quality.BAD;
        double[] values = values(schema, engine, 25);
        values[names.indexOf("sensor_2")] = Double.NaN;
        assertEquals(Optional.empty(), online.accept("m", new TelemetryFrame(Instant.EPOCH, schema, values, bad)));
        assertEquals(1, online.skipped("m"));
        assertEquals(25, online.rows("m"));

        Quality[] badExtra = good.clone();
        badExtra[names.indexOf("extra_signal")] = Quality.BAD;
        assertTrue(online.accept("m", frame(schema, engine, 25, badExtra)).isPresent(), "a column the model ignores");
    }

    @Test
    void aFrameWithoutAModelColumnOrARowOfTheWrongLengthIsRefused() {
        OnlineRulEstimator online = new OnlineRulEstimator(model);
        FeatureSchema partial = FeatureSchema.of("setting_1", "sensor_1");
        TelemetryFrame frame = new TelemetryFrame(Instant.EPOCH, partial, new double[] {0, 1},
                new Quality[] {Quality.GOOD, Quality.GOOD});
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> online.accept("m", frame));
        assertTrue(missing.getMessage().contains("lacks column \"setting_2\""), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> online.accept("m", new double[] {1, 2}));
        assertEquals(0, online.rows("m"), "a refused row changes nothing");
    }

    private static double[] values(FeatureSchema schema, Trajectory engine, int row) {
        double[] values = new double[schema.size()];
        for (int j = 0; j < schema.size(); j++) {
            int k = engine.schema().indexOf(schema.names().get(j));
            values[j] = k < 0 ? 123.0 : engine.value(row, k);
        }
        return values;
    }

    private static TelemetryFrame frame(FeatureSchema schema, Trajectory engine, int row, Quality[] quality) {
        return new TelemetryFrame(Instant.EPOCH.plusSeconds(row), schema, values(schema, engine, row), quality);
    }
}

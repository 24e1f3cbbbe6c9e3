package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.industry4.core.ModelEnvelope;

class AutoencoderProperties {

    private static AutoencoderModel loaded;

    @BeforeContainer
    static void saveAndLoad() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AutoencoderFile.toEnvelope(SharedModel.manifold()).writeTo(out);
        loaded = AutoencoderFile.fromEnvelope(ModelEnvelope.readFrom(new ByteArrayInputStream(out.toByteArray()),
                "memory"), "memory");
    }

    @Provide
    Arbitrary<double[]> rows() {
        return Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(ManifoldData.SCHEMA.size());
    }

    @Provide
    Arbitrary<List<double[]>> batches() {
        return rows().list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 200)
    void scoresAreFiniteAndNonNegativeAndContributionsSumToThem(@ForAll("rows") double[] x) {
        AutoencoderModel model = SharedModel.manifold();
        double score = model.score(x);
        assertTrue(Double.isFinite(score) && score >= 0, "score " + score);
        double sum = 0;
        for (double c : model.contributions(x)) {
            assertTrue(c >= 0);
            sum += c;
        }
        assertEquals(score, sum, 1e-12 * score);
        assertEquals(score > model.threshold(), model.isAnomaly(x));
    }

    @Property(tries = 50)
    void batchScoresEqualSingleScores(@ForAll("batches") List<double[]> rows) {
        AutoencoderModel model = SharedModel.manifold();
        double[] batch = model.scoreAll(rows.toArray(double[][]::new));
        for (int i = 0; i < batch.length; i++) {
            assertEquals(model.score(rows.get(i)), batch[i], "row " + i);
        }
    }

    @Property(tries = 200)
    void aSavedAndLoadedModelGivesIdenticalScores(@ForAll("rows") double[] x) {
        AutoencoderModel model = SharedModel.manifold();
        assertEquals(model.score(x), loaded.score(x));
        assertArrayEquals(model.contributions(x), loaded.contributions(x));
        assertEquals(model.threshold(), loaded.threshold());
    }

    @Property(tries = 3)
    void theSameSeedGivesTheSameModel(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        AutoencoderOptions options = new AutoencoderOptions().withLayers(List.of(4), 2).withEpochs(3, 3)
                .withSeed(seed);
        double[][] rows = ManifoldData.normal(100, seed);
        double[][] probes = ManifoldData.normal(20, seed + 1);
        AutoencoderModel a = new AutoencoderTrainer(options).fit(rows, ManifoldData.SCHEMA);
        AutoencoderModel b = new AutoencoderTrainer(options).fit(rows, ManifoldData.SCHEMA);
        assertArrayEquals(a.scoreAll(probes), b.scoreAll(probes));
        assertEquals(a.threshold(), b.threshold());
        assertEquals(a.history(), b.history());
    }

    @Property
    void aPercentileThresholdLiesAmongTheErrors(@ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0,
            max = 100) Double> errors, @ForAll @DoubleRange(min = 0.01, max = 100) double percentile) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        double t = ThresholdRule.percentile(percentile).threshold(e);
        double min = errors.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(t >= min && t <= max, t + " outside [" + min + ", " + max + "]");
    }

    @Property
    void theFalseAlarmThresholdLeavesAtMostTheRateOfErrorsAbove(
            @ForAll @Size(min = 1, max = 500) List<@DoubleRange(min = 0, max = 10) Double> errors,
            @ForAll @DoubleRange(min = 0.01, max = 0.5) double rate) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        double t = ThresholdRule.falseAlarmRate(rate).threshold(e);
        long above = errors.stream().filter(v -> v > t).count();
        assertTrue(above <= rate * e.length, above + " of " + e.length + " above " + t + " for rate " + rate);
    }

    @Property
    void perSensorContributionsKeepTheTotal(@ForAll @IntRange(min = 1, max = 6) int sensors,
                                            @ForAll @IntRange(min = 1, max = 10) int window) {
        double[] c = new double[sensors * window];
        double total = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = (i * 7919 % 13) / 13.0;
            total += c[i];
        }
        double folded = 0;
        for (double v : SlidingWindows.perSensor(c, sensors)) {
            folded += v;
        }
        assertEquals(total, folded, 1e-12);
    }
}

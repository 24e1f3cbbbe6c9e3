package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.industry4.core.FeatureSchema;
import org.industry4.rul.data.EngineFolds;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;
import org.industry4.rul.metrics.RulMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on synthetic run-to-failure engines whose degradation law is known: the models learn
 * the RUL far better than a constant, the intervals cover about as promised, and a fixed seed gives
 * the same model.
 */
class RulTrainerTest {

    /** A small LSTM that trains in seconds. */
    static RulOptions smallLstm() {
        return new RulOptions().withWindow(20)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(16), 3, 8, 0.0)
                .withTraining(5e-3, 64, 10, 6, Duration.ofMinutes(2))
                .withPreprocess(new PreprocessOptions().withConditions(1))
                .withSeed(3);
    }

    private static List<Trajectory> trainEngines;
    private static List<Trajectory> testEngines;
    private static RulModel lstm;

    @BeforeAll
    static void train() {
        trainEngines = SyntheticEngines.generate(40, 1, 1);
        testEngines = EngineFolds.cutAtRandom(SyntheticEngines.generate(40, 1, 2), 20, 5);
        lstm = new RulTrainer(smallLstm()).fit(trainEngines);
    }

    private static RulMetrics score(RulModel model, List<Trajectory> test) {
        double[] truth = new double[test.size()];
        double[] estimate = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            truth[i] = Math.min(model.cap(), test.get(i).rulAtEnd());
            estimate[i] = model.predict(test.get(i)).rul();
        }
        return RulMetrics.of(truth, estimate);
    }

    /** The RMSE of the best constant prediction (the mean of the capped truth). */
    private static double constantRmse(List<Trajectory> test, double cap) {
        double mean = test.stream().mapToDouble(t -> Math.min(cap, t.rulAtEnd())).average().orElseThrow();
        double[] truth = test.stream().mapToDouble(t -> Math.min(cap, t.rulAtEnd())).toArray();
        double[] constant = new double[truth.length];
        java.util.Arrays.fill(constant, mean);
        return RulMetrics.of(truth, constant).rmse();
    }

    @Test
    void lstmLearnsTheSyntheticRulFarBetterThanAConstant() {
        double rmse = score(lstm, testEngines).rmse();
        double constant = constantRmse(testEngines, lstm.cap());
        assertTrue(rmse < 0.25 * constant, "LSTM RMSE " + rmse + " vs constant " + constant);
        assertTrue(lstm.history().epochs().size() >= 2);
        assertTrue(lstm.history().trainingWindows() > lstm.history().validationWindows());
    }

    @Test
    void cnnLearnsTheSyntheticRulFarBetterThanAConstant() {
        RulOptions options = smallLstm().withArchitecture(RulOptions.Architecture.CNN, List.of(6, 6, 1), 5, 16, 0.0)
                .withTraining(5e-3, 64, 6, 6, Duration.ofMinutes(2));
        RulModel cnn = new RulTrainer(options).fit(trainEngines);
        double rmse = score(cnn, testEngines).rmse();
        double constant = constantRmse(testEngines, cnn.cap());
        assertTrue(rmse < 0.25 * constant, "CNN RMSE " + rmse + " vs constant " + constant);
        assertEquals(RulOptions.Architecture.CNN, cnn.architecture());
    }

    @Test
    void intervalsCoverRoughlyTheTargetShareOfNewEngines() {
        int covered = 0;
        for (Trajectory t : testEngines) {
            covered += lstm.predict(t).covers(Math.min(lstm.cap(), t.rulAtEnd())) ? 1 : 0;
        }
        double coverage = covered / (double) testEngines.size();
        // 90 % target, 40 engines: a binomial 95 % range is about 0.8-0.98; allow for the small calibration set.
        assertTrue(coverage >= 0.7, "coverage " + coverage);
        assertTrue(lstm.halfWidth() > 0);
        int cuts = smallLstm().calibrationCuts();
        assertEquals(0, lstm.calibrationPoints() % cuts, "one residual per cut of each calibration engine");
        assertTrue(lstm.calibrationPoints() >= 5 * cuts, "about 15 % of 40 engines: " + lstm.calibrationPoints());
    }

    @Test
    void estimatesStayInsideZeroToCapAndIntervalsAroundThem() {
        for (Trajectory t : testEngines) {
            RulEstimate e = lstm.predict(t);
            assertTrue(e.rul() >= 0 && e.rul() <= lstm.cap(), e.toString());
            assertTrue(e.lower() >= 0 && e.lower() <= e.rul() && e.rul() <= e.upper(), e.toString());
            assertEquals(0.9, e.coverage());
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        RulOptions options = smallLstm().withTraining(5e-3, 64, 3, 6, Duration.ofMinutes(1));
        List<Trajectory> few = trainEngines.subList(0, 12);
        RulModel a = new RulTrainer(options).fit(few);
        RulModel b = new RulTrainer(options).fit(few);
        for (Trajectory t : testEngines.subList(0, 5)) {
            assertEquals(a.predict(t), b.predict(t));
        }
        assertEquals(a.halfWidth(), b.halfWidth());
    }

    @Test
    void aTimeBudgetStopsTrainingAfterTheEpochThatCrossesIt() {
        RulOptions options = smallLstm().withTraining(5e-3, 64, 50, 50, Duration.ofMillis(1));
        RulModel model = new RulTrainer(options).fit(trainEngines.subList(0, 12));
        assertEquals(1, model.history().epochs().size());
        assertEquals(TrainingHistory.Stop.TIME_BUDGET, model.history().stop());
    }

    @Test
    void badTrainingDataIsRefusedWithTheReason() {
        RulTrainer trainer = new RulTrainer(smallLstm());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(trainEngines.subList(0, 2)));
        assertTrue(few.getMessage().contains("at least 3 engines, got 2"), few.getMessage());

        List<Trajectory> unknown = new ArrayList<>(trainEngines.subList(0, 5));
        Trajectory live = trainEngines.get(5);
        unknown.add(new Trajectory("live-7", live.schema(), live.rows(), Trajectory.UNKNOWN));
        IllegalArgumentException noRul = assertThrows(IllegalArgumentException.class, () -> trainer.fit(unknown));
        assertTrue(noRul.getMessage().contains("live-7"), noRul.getMessage());

        List<Trajectory> mixed = new ArrayList<>(trainEngines.subList(0, 5));
        double[][] rows = {{1, 2}, {2, 3}};
        mixed.add(new Trajectory("other", FeatureSchema.of("a", "b"), rows, 0));
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class, () -> trainer.fit(mixed));
        assertTrue(schema.getMessage().contains("other") && schema.getMessage().contains("schema"),
                schema.getMessage());
    }

    @Test
    void theConformalHalfWidthIsTheRankedResidual() {
        double[] residuals = {5, 1, 4, 2, 3, 9, 7, 8, 6, 10};
        // n = 10, coverage 0.8: rank ceil(11 * 0.8) = 9 -> 9
        assertEquals(9, RulTrainer.conformalHalfWidth(residuals, 0.8));
        // coverage 0.9: rank ceil(9.9) = 10 -> 10
        assertEquals(10, RulTrainer.conformalHalfWidth(residuals, 0.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RulTrainer.conformalHalfWidth(residuals, 0.95));
        assertTrue(e.getMessage().contains("too few for coverage 0.95"), e.getMessage());
    }
}

package org.industry4.twin.thermal;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.industry4.core.ModelFormatException;
import org.industry4.twin.dynamics.Integrator;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.hybrid.Expr;
import org.industry4.twin.hybrid.HybridOptions;
import org.industry4.twin.sim.OperatingRange;
import org.industry4.twin.sim.SpindleThermalParameters;
import org.industry4.twin.sim.SpindleThermalPhysics;
import org.industry4.twin.sim.SpindleThermalTruth;
import org.industry4.twin.sim.TrainingRows;
import org.industry4.twin.whatif.OptimisationResult;
import org.industry4.twin.whatif.SetpointOptimiser;
import org.industry4.twin.whatif.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpindleThermalTwinTest {

    /** A truth that is exactly the physics (no friction heat, no drift), measured with the default noise. */
    private static final SpindleThermalTruth IDEAL =
            new SpindleThermalTruth(SpindleThermalTruth.Constants.defaults().withoutUnmodelledEffects());
    private static final HybridOptions QUICK = new SpindleTwinOptions().training().withEpochs(60, 15).withSeed(3);

    private static SpindleThermalTwin physicsOnIdeal;

    @BeforeAll
    static void fitPhysicsOnIdealTruth() {
        TrainingRows rows = IDEAL.trainingRows(OperatingRange.training(), 20, 4 * 3600, 60, 7);
        physicsOnIdeal = new SpindleThermalTwinTrainer(new SpindleTwinOptions()
                .withVariant(SpindleTwinVariant.PHYSICS_ONLY).withTraining(QUICK)).fit(rows);
    }

    private static Map<String, Double> truthParameters(SpindleThermalTruth truth) {
        SpindleThermalParameters p = truth.constants().physics();
        return Map.of(
                SpindleThermalTwin.SPEED_GAIN, p.speedHeat() * 1000 / p.heatCapacity(),
                SpindleThermalTwin.LOAD_GAIN, p.loadHeat() * 1000 / p.heatCapacity(),
                SpindleThermalTwin.TIME_CONSTANT, p.timeConstant(),
                SpindleThermalTwin.COOLANT_FACTOR, p.coolantFactor(),
                SpindleThermalTwin.GROWTH_PER_KELVIN, p.growthPerKelvin());
    }

    @Test
    void physicsOnlyRecoversEveryParameterWhenNothingIsUnmodelled() {
        Map<String, Double> fitted = physicsOnIdeal.physicalParameters();
        truthParameters(IDEAL).forEach((name, truth) ->
                assertEquals(truth, fitted.get(name), 0.02 * truth, name)); // measured: within 1 %
    }

    @Test
    void hybridRecoversTheLossParametersDespiteFrictionHeatAndDrift() {
        SpindleThermalTruth truth = new SpindleThermalTruth(); // friction q n^2, drift, noise
        TrainingRows rows = truth.trainingRows(OperatingRange.training(), 10, 4 * 3600, 60, 11);
        SpindleThermalTwin hybrid = new SpindleThermalTwinTrainer(new SpindleTwinOptions().withTraining(QUICK)).fit(rows);
        SpindleThermalTwin physics = new SpindleThermalTwinTrainer(new SpindleTwinOptions()
                .withVariant(SpindleTwinVariant.PHYSICS_ONLY).withTraining(QUICK)).fit(rows);
        Map<String, Double> expected = truthParameters(truth);
        for (String name : List.of(SpindleThermalTwin.TIME_CONSTANT, SpindleThermalTwin.COOLANT_FACTOR,
                SpindleThermalTwin.GROWTH_PER_KELVIN)) {
            double want = expected.get(name);
            assertEquals(want, hybrid.physicalParameters().get(name), 0.06 * want, name);
        }
        // The physics alone blames the drift on the expansion coefficient; the hybrid's correction takes it.
        double gpk = expected.get(SpindleThermalTwin.GROWTH_PER_KELVIN);
        assertTrue(Math.abs(physics.physicalParameters().get(SpindleThermalTwin.GROWTH_PER_KELVIN) - gpk) > 0.05 * gpk);
        // On an unseen in-range schedule the hybrid follows the truth more closely than the physics.
        SetpointSchedule schedule = OperatingRange.training().schedule(4 * 3600, 99);
        double t0 = schedule.valueAt(0, AMBIENT);
        double[] want = truth.run(schedule, t0, 60, 5).truth().output(GROWTH);
        assertTrue(rmse(hybrid, schedule, t0, want) < 0.7 * rmse(physics, schedule, t0, want));
    }

    @Test
    void physicsOnlyOfAHybridDropsTheCorrectionAndKeepsTheParameters() {
        SpindleThermalTwin physics = physicsOnIdeal.physicsOnly();
        assertEquals(physicsOnIdeal.physicalParameters(), physics.physicalParameters());
        double[] row = SpindleThermalTwin.heatingRow(new double[] {6000, 0.5, 20, 0}, 30);
        assertEquals(physics.heating().physics(row), physics.heating().predict(row), 0);
    }

    @Test
    void optimisedSpeedKeepsTheRealSpindleWithinTolerance() {
        double tolerance = 40;
        double margin = 1; // micrometres kept in reserve for the twin's error
        SetpointSchedule base = SetpointSchedule.constant(Map.of(SPEED, 1000.0, SpindleThermalPhysics.LOAD, 0.5,
                AMBIENT, 22.0, SpindleThermalPhysics.COOLANT, 0.0), 0, 2 * 3600);
        OptimisationResult result = new SetpointOptimiser().maximise(physicsOnIdeal, new double[] {22}, base, SPEED,
                1000, 12000, Tolerance.atMost(GROWTH, tolerance - margin));
        assertTrue(result.feasible(), result::toString);
        double speed = result.setpoint().orElseThrow();
        double[] real = IDEAL.run(base.withConstant(SPEED, speed), 22, 30, 1).truth().output(GROWTH);
        double peak = Arrays.stream(real).max().orElseThrow();
        assertTrue(peak <= tolerance, "the real spindle grows " + peak + " um at " + speed + " rpm");
        assertTrue(peak > tolerance - 3 * margin, "the optimiser left " + (tolerance - peak) + " um unused");
    }

    @Test
    void saveAndLoadGiveIdenticalTrajectories(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spindle.i4");
        new SpindleThermalTwinFile().write(physicsOnIdeal, file);
        SpindleThermalTwin loaded = new SpindleThermalTwinFile().read(file);
        assertEquals(physicsOnIdeal.variant(), loaded.variant());
        assertEquals(physicsOnIdeal.physicalParameters(), loaded.physicalParameters());
        SetpointSchedule schedule = OperatingRange.training().schedule(3600, 4);
        double t0 = schedule.valueAt(0, AMBIENT);
        assertArrayEquals(simulate(physicsOnIdeal, schedule, t0), simulate(loaded, schedule, t0), 0);

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.i4");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(ModelFormatException.class, () -> new SpindleThermalTwinFile().read(truncated));
    }

    @Test
    void aDragTorqueCorrectionIsMultipliedByTheSpeedAndSurvivesTheFile(@TempDir Path dir) throws IOException {
        SpindleThermalTruth truth = new SpindleThermalTruth();
        TrainingRows rows = truth.trainingRows(OperatingRange.training(), 4, 2 * 3600, 60, 8);
        HybridOptions tiny = QUICK.withEpochs(5, 5).withHidden(List.of(4));
        SpindleThermalTwin twin = new SpindleThermalTwinTrainer(new SpindleTwinOptions().withTraining(tiny)
                .withHeatingCorrection(HeatingCorrection.DRAG_TORQUE)).fit(rows);
        assertEquals(Expr.input(SpindleThermalPhysics.SPEED).div(1000), twin.heating().spec().correctionFactor());
        double[] atSpeed = SpindleThermalTwin.heatingRow(new double[] {6000, 0.5, 20, 0}, 40);
        double[] halfSpeed = SpindleThermalTwin.heatingRow(new double[] {3000, 0.5, 20, 0}, 40);
        assertEquals(0, twin.heating().correction(SpindleThermalTwin.heatingRow(new double[] {0, 0.5, 20, 0}, 40)), 0,
                "no drag heat at standstill, whatever the network says");
        assertTrue(twin.heating().correction(atSpeed) != 0, "the correction is in use");

        Path file = dir.resolve("drag.i4");
        new SpindleThermalTwinFile().write(twin, file);
        SpindleThermalTwin loaded = new SpindleThermalTwinFile().read(file);
        assertEquals(twin.heating().spec(), loaded.heating().spec());
        assertEquals(twin.heating().predict(atSpeed), loaded.heating().predict(atSpeed), 0);
        assertEquals(twin.heating().predict(halfSpeed), loaded.heating().predict(halfSpeed), 0);
    }

    @Test
    void theSameSeedGivesTheSameTwinThoughItsTwoModelsTrainOnTwoThreads() {
        TrainingRows rows = new SpindleThermalTruth().trainingRows(OperatingRange.training(), 3, 2 * 3600, 60, 10);
        SpindleTwinOptions options = new SpindleTwinOptions().withTraining(QUICK.withEpochs(8, 8).withHidden(List.of(6)));
        SpindleThermalTwin first = new SpindleThermalTwinTrainer(options).fit(rows);
        SpindleThermalTwin second = new SpindleThermalTwinTrainer(options).fit(rows);
        assertEquals(first.physicalParameters(), second.physicalParameters());
        assertEquals(first.heating().history(), second.heating().history());
        assertEquals(first.growth().history(), second.growth().history());
        SetpointSchedule schedule = OperatingRange.outOfRange().schedule(3600, 11);
        double t0 = schedule.valueAt(0, AMBIENT);
        assertArrayEquals(simulate(first, schedule, t0), simulate(second, schedule, t0), 0);
    }

    @Test
    void theDefaultHybridHasADragTorqueCorrectionAndThePureMlNetworksCarryNoCorrectionPenalty() {
        SpindleTwinOptions defaults = new SpindleTwinOptions();
        assertEquals(HeatingCorrection.DRAG_TORQUE, defaults.heatingCorrection());
        assertEquals(SpindleTwinOptions.DEFAULT_CORRECTION_PENALTY, defaults.training().correctionPenalty());
        TrainingRows rows = IDEAL.trainingRows(OperatingRange.training(), 2, 3600, 60, 9);
        SpindleThermalTwin ml = new SpindleThermalTwinTrainer(defaults.withVariant(SpindleTwinVariant.PURE_ML)
                .withTraining(QUICK.withEpochs(3, 3).withHidden(List.of(4)))).fit(rows);
        assertEquals(0, ml.heating().options().correctionPenalty());
        assertEquals(0, ml.growth().options().correctionPenalty());
        assertFalse(ml.heating().spec().hasCorrectionFactor());
    }

    @Test
    void badRowsAreRefusedWithTheirColumnOrRow() {
        TrainingRows rows = IDEAL.trainingRows(OperatingRange.training(), 1, 3600, 60, 1);
        List<String> without = rows.columns().stream().filter(c -> !c.equals(SpindleThermalPhysics.LOAD)).toList();
        TrainingRows missing = new TrainingRows(without, rows.select(without));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpindleThermalTwinTrainer().fit(missing));
        assertTrue(e.getMessage().contains(SpindleThermalPhysics.LOAD), e.getMessage());

        double[][] data = rows.rows();
        data[5][rows.columns().indexOf("dt")] = 0;
        IllegalArgumentException dt = assertThrows(IllegalArgumentException.class,
                () -> new SpindleThermalTwinTrainer().fit(new TrainingRows(rows.columns(), data)));
        assertTrue(dt.getMessage().contains("row 5") && dt.getMessage().contains("dt"), dt.getMessage());

        double[][] nan = rows.rows();
        nan[7][rows.columns().indexOf(GROWTH)] = Double.NaN;
        IllegalArgumentException growth = assertThrows(IllegalArgumentException.class,
                () -> new SpindleThermalTwinTrainer().fit(new TrainingRows(rows.columns(), nan)),
                "refused by the growth model, which trains on its own thread");
        assertTrue(growth.getMessage().contains("y row 7 (" + GROWTH + ") is NaN"), growth.getMessage());
    }

    private static double[] simulate(SpindleThermalTwin twin, SetpointSchedule schedule, double t0) {
        return new Simulator().simulate(twin, new double[] {t0}, schedule, 60, Integrator.rungeKutta4()).output(GROWTH);
    }

    private static double rmse(SpindleThermalTwin twin, SetpointSchedule schedule, double t0, double[] truth) {
        double[] g = simulate(twin, schedule, t0);
        double sum = 0;
        for (int k = 0; k < g.length; k++) {
            sum += (g[k] - truth[k]) * (g[k] - truth[k]);
        }
        return Math.sqrt(sum / g.length);
    }
}

package org.industry4.twin.sim;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.industry4.twin.dynamics.RungeKutta4;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.dynamics.Trajectory;
import org.junit.jupiter.api.Test;

class SpindleThermalTruthTest {

    private final SpindleThermalTruth truth = new SpindleThermalTruth();
    private static final SetpointSchedule RUN_8000 = SetpointSchedule.constant(
            Map.of(SPEED, 8000.0, LOAD, 0.5, AMBIENT, 20.0, COOLANT, 0.0), 0, 3600);

    @Test
    void defaultSpindleReachesRealisticTemperatureAndGrowthAt8000Rpm() {
        MeasuredRun run = truth.run(RUN_8000, 20, 10, 1);
        double[] temp = run.truth().state(TEMPERATURE);
        double[] growth = run.truth().output(GROWTH);
        // after 30 minutes: between 35 and 60 C, tens of micrometres
        assertTrue(temp[180] > 35 && temp[180] < 60, "T(30 min) = " + temp[180]);
        assertTrue(growth[180] > 20 && growth[180] < 100, "growth(30 min) = " + growth[180]);
        assertEquals(45.6, truth.steadyTemperature(8000, 0.5, 20, 0), 1e-9);
        assertEquals(920, truth.constants().physics().timeConstant(), 1e-9);
        // the exact first-order response to a step
        double expected = 45.6 + (20 - 45.6) * Math.exp(-1800 / 920.0);
        assertEquals(expected, temp[180], 1e-6);
    }

    @Test
    void theTruthIsHotterThanItsPhysicsByTheFrictionHeat() {
        Trajectory physics = new Simulator().simulate(truth.physics(), new double[] {20}, RUN_8000, 10,
                new RungeKutta4());
        double tTruth = truth.run(RUN_8000, 20, 10, 1).truth().finalState()[0];
        double tPhysics = physics.finalState()[0];
        // q n^2 / h = 96 W / 10 W/K = 9.6 K at steady state
        assertTrue(tTruth - tPhysics > 8 && tTruth - tPhysics < 9.6, tTruth + " vs " + tPhysics);
    }

    @Test
    void withoutUnmodelledEffectsTheTruthIsThePhysics() {
        SpindleThermalTruth plain = new SpindleThermalTruth(
                SpindleThermalTruth.Constants.defaults().withoutUnmodelledEffects());
        Trajectory a = plain.run(RUN_8000, 20, 10, 1).truth();
        Trajectory b = new Simulator().simulate(plain.physics(), new double[] {20}, RUN_8000, 10, new RungeKutta4());
        assertArrayEquals(a.output(GROWTH), b.output(GROWTH), 1e-6);
    }

    @Test
    void measurementsAreSeededAndNoisyAtTheStatedLevel() {
        MeasuredRun a = truth.run(RUN_8000, 20, 1, 42);
        MeasuredRun b = truth.run(RUN_8000, 20, 1, 42);
        assertArrayEquals(a.measuredState(TEMPERATURE), b.measuredState(TEMPERATURE));
        double[] noise = a.measuredOutput(GROWTH);
        double[] clean = a.truth().output(GROWTH);
        double ss = 0;
        for (int k = 0; k < noise.length; k++) {
            ss += (noise[k] - clean[k]) * (noise[k] - clean[k]);
        }
        double sd = Math.sqrt(ss / noise.length);
        assertEquals(0.3, sd, 0.03);
        MeasuredRun c = truth.run(RUN_8000, 20, 1, 43);
        assertTrue(c.measuredState(TEMPERATURE)[5] != a.measuredState(TEMPERATURE)[5]);
    }

    @Test
    void trainingSchedulesStayInRangeAndTestSchedulesLeaveIt() {
        TrainingRows train = truth.trainingRows(OperatingRange.training(), 4, 3600, 10, 7);
        TrainingRows test = truth.trainingRows(OperatingRange.outOfRange(), 2, 3600, 10, 8);
        assertEquals(4 * 360, train.size());
        double[] speed = train.column(SPEED);
        double[] ambient = train.column(AMBIENT);
        for (int k = 0; k < train.size(); k++) {
            assertTrue(speed[k] >= 500 && speed[k] <= 8000, "speed " + speed[k]);
            assertTrue(ambient[k] >= 18 && ambient[k] <= 24, "ambient " + ambient[k]);
        }
        double maxSpeed = java.util.Arrays.stream(test.column(SPEED)).max().orElseThrow();
        assertTrue(maxSpeed > 10000 && maxSpeed <= 12000, "max test speed " + maxSpeed);
        assertTrue(java.util.Arrays.stream(test.column(AMBIENT)).allMatch(a -> a == 30.0));
        assertEquals(train, truth.trainingRows(OperatingRange.training(), 4, 3600, 10, 7));
    }

    @Test
    void rowsCarryMeasuredNextFiniteDifferenceAndTrueColumns() {
        TrainingRows rows = truth.run(RUN_8000, 20, 10, 3).rows();
        assertEquals(java.util.List.of("time", "dt", SPEED, LOAD, AMBIENT, COOLANT, TEMPERATURE,
                TEMPERATURE + "_next", "d_" + TEMPERATURE + "_dt", TEMPERATURE + "_true",
                "d_" + TEMPERATURE + "_dt_true", GROWTH, GROWTH + "_true"), rows.columns());
        double[] t = rows.column(TEMPERATURE);
        double[] next = rows.column(TEMPERATURE + "_next");
        double[] fd = rows.column("d_" + TEMPERATURE + "_dt");
        assertEquals(next[3], t[4]);
        assertEquals((next[3] - t[3]) / 10, fd[3], 1e-12);
        // at the start, dT/dt = 256 W / 9200 J/K
        assertEquals(256 / 9200.0, rows.column("d_" + TEMPERATURE + "_dt_true")[0], 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rows.column("speed")).getMessage()
                .contains("unknown column \"speed\""));
    }

    @Test
    void constantsAreValidatedNamingTheField() {
        assertEquals("heatCapacity must be finite and > 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> SpindleThermalParameters.defaults().withHeatCapacity(-1)).getMessage());
        assertEquals("frictionHeat must be finite and >= 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> SpindleThermalTruth.Constants.defaults().withFrictionHeat(Double.NaN)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new OperatingRange(9000, 8000, 0, 1, 18, 24, 0.5, 300, 1200)).getMessage()
                .contains("speedMax must be finite and >= speedMin=9000.0, got 8000.0"));
    }
}

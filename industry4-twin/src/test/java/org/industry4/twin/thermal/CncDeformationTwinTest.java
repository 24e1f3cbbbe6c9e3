package org.industry4.twin.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.industry4.twin.dynamics.Integrator;
import org.industry4.twin.dynamics.SetpointSchedule;
import org.industry4.twin.dynamics.Simulator;
import org.industry4.twin.hybrid.HybridOptions;
import org.industry4.twin.sim.CncThermalDeformationTruth;
import org.industry4.twin.sim.CncThermalParameters;
import org.industry4.twin.sim.MeasuredRun;
import org.junit.jupiter.api.Test;

class CncDeformationTwinTest {

    private static final HybridOptions OPTIONS = HybridOptions.defaults().withEpochs(80, 20).withSeed(5);

    private static List<MeasuredRun> steps(CncThermalDeformationTruth truth, double[] rises, long seed) {
        List<MeasuredRun> out = new ArrayList<>();
        for (int i = 0; i < rises.length; i++) {
            SetpointSchedule s = SetpointSchedule.constant(Map.of(CncDeformationTwin.TEMP_RISE, rises[i]), 0, 3 * 3600);
            out.add(truth.run(s, 0, 60, seed + i));
        }
        return out;
    }

    @Test
    void thePhysicsRecoversCoefficientAndTimeConstantWhenNothingIsUnmodelled() {
        CncThermalDeformationTruth truth = new CncThermalDeformationTruth(
                CncThermalDeformationTruth.Constants.defaults().withoutUnmodelledEffects());
        CncDeformationTwin twin = CncDeformationTwin.fit(steps(truth, new double[] {2, 5, 8, 11, 14}, 1), OPTIONS, false);
        CncThermalParameters p = truth.constants().physics();
        assertEquals(p.growthPerKelvin(), twin.growthPerKelvin(), 0.01 * p.growthPerKelvin());
        assertEquals(p.timeConstant(), twin.timeConstant(), 0.02 * p.timeConstant());
        // The fitted physics as a state-space model reproduces the closed form.
        double[] g = new Simulator().simulate(twin.physics(p.length()), new double[] {0},
                SetpointSchedule.constant(Map.of(CncDeformationTwin.TEMP_RISE, 10.0), 0, 3600), 60,
                Integrator.rungeKutta4()).output(CncDeformationTwin.GROWTH);
        assertEquals(twin.growth(10, 3600), g[g.length - 1], 0.01 * g[g.length - 1]);
    }

    @Test
    void theCorrectionLearnsNonlinearExpansionThatThePhysicsMisses() {
        CncThermalDeformationTruth truth = new CncThermalDeformationTruth(); // beta = 0.02 /K, drift 1 um/h, noise
        List<MeasuredRun> train = steps(truth, new double[] {2, 4, 6, 8, 10, 12, 14}, 1);
        CncDeformationTwin hybrid = CncDeformationTwin.fit(train, OPTIONS, true);
        CncDeformationTwin physics = CncDeformationTwin.fit(train, OPTIONS, false);
        List<MeasuredRun> test = steps(truth, new double[] {3, 7, 13}, 100);
        assertTrue(rmse(hybrid, test) < 0.5 * rmse(physics, test),
                "hybrid " + rmse(hybrid, test) + " um, physics " + rmse(physics, test) + " um");
    }

    @Test
    void aRunWhoseRiseChangesIsRefused() {
        CncThermalDeformationTruth truth = new CncThermalDeformationTruth();
        SetpointSchedule twoSteps = SetpointSchedule.builder().at(0, Map.of(CncDeformationTwin.TEMP_RISE, 5.0))
                .at(600, CncDeformationTwin.TEMP_RISE, 8.0).until(1800).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CncDeformationTwin.fit(List.of(truth.run(twoSteps, 0, 60, 1)), OPTIONS, true));
        assertTrue(e.getMessage().contains("from 5.0 to 8.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CncDeformationTwin.fit(List.of(), OPTIONS, true));
    }

    private static double rmse(CncDeformationTwin twin, List<MeasuredRun> runs) {
        double sum = 0;
        int n = 0;
        for (MeasuredRun run : runs) {
            double[] rise = run.truth().input(CncDeformationTwin.TEMP_RISE);
            double[] truth = run.truth().output(CncDeformationTwin.GROWTH);
            for (int i = 0; i < truth.length; i++) {
                double e = twin.growth(rise[i], run.truth().time(i)) - truth[i];
                sum += e * e;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}

package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticEnginesTest {

    @Test
    void enginesRunToFailureWithLivesInRangeAndTheSchema() {
        List<Trajectory> engines = SyntheticEngines.generate(30, 1, 7);
        assertEquals(30, engines.size());
        assertEquals(11, SyntheticEngines.SCHEMA.size());
        for (int e = 0; e < engines.size(); e++) {
            Trajectory t = engines.get(e);
            assertEquals("synthetic/" + (e + 1), t.assetId());
            assertEquals(SyntheticEngines.SCHEMA, t.schema());
            assertEquals(0, t.rulAtEnd());
            assertTrue(t.cycles() >= 128 && t.cycles() <= 320, "life " + t.cycles());
        }
        assertEquals(engines, SyntheticEngines.generate(30, 1, 7));
        assertNotEquals(engines, SyntheticEngines.generate(30, 1, 8));
    }

    @Test
    void sensorsFollowTheDocumentedLaw() {
        for (int conditions : new int[] {1, 3}) {
            List<Trajectory> engines = SyntheticEngines.generate(40, conditions, 3);
            double worst = 0;
            double squares = 0;
            int n = 0;
            Set<Double> sensor7 = new HashSet<>();
            for (Trajectory t : engines) {
                for (int i = 0; i < t.cycles(); i++) {
                    int rul = t.cycles() - 1 - i;
                    int c = (int) Math.round(t.value(i, 0) / 10);
                    assertTrue(c >= 0 && c < conditions);
                    assertEquals(100 - 20 * c, t.value(i, 2), 0.01);
                    double h = SyntheticEngines.health(rul);
                    for (int j = 1; j <= 5; j++) {
                        double residual = t.value(i, 2 + j) - SyntheticEngines.sensor(j, h, c);
                        worst = Math.max(worst, Math.abs(residual));
                        squares += residual * residual;
                        n++;
                    }
                    assertEquals(1.0, t.value(i, 8));
                    sensor7.add(t.value(i, 9));
                }
            }
            assertEquals(SyntheticEngines.NOISE, Math.sqrt(squares / n), 0.002);
            assertTrue(worst < 6 * SyntheticEngines.NOISE, "residual " + worst);
            assertEquals(Set.of(0.0, 1.0), sensor7);
        }
        assertEquals(1.0, SyntheticEngines.health(0));
        assertEquals(Math.exp(-0.025 * 100), SyntheticEngines.health(100));
        assertEquals(10 + 3 * 0.5 + 5 * 2, SyntheticEngines.sensor(1, 0.5, 2));
    }

    @Test
    void refusesBadArguments() {
        assertEquals("engines must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> SyntheticEngines.generate(0, 1, 1)).getMessage());
        assertEquals("conditions must be in 1..100, got 0",
                assertThrows(IllegalArgumentException.class, () -> SyntheticEngines.generate(1, 0, 1)).getMessage());
        assertEquals("degrading sensors are 1..5, got 6",
                assertThrows(IllegalArgumentException.class, () -> SyntheticEngines.sensor(6, 0, 0)).getMessage());
    }
}

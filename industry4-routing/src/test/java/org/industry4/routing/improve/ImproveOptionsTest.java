package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImproveOptionsTest {

    @Test
    void defaultsAreThePapers() {
        ImproveOptions o = new ImproveOptions();
        assertEquals(0, o.maxIterations());
        assertEquals(100, o.initialTemperature());
        assertEquals(1, o.finalTemperature());
        assertEquals(10, o.averageRemoved());
        assertEquals(10, o.maxStringLength());
        assertEquals(0.5, o.splitRate());
        assertEquals(0.01, o.splitDepth());
        assertEquals(0.01, o.blinkRate());
        assertEquals(0.1, o.initialTimeShare());
    }

    private static void rejects(String expected, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badValuesAreNamedWithTheValue() {
        ImproveOptions d = new ImproveOptions();
        rejects("maxIterations must be >= 0 (0 = until the time limit), got -1", () -> d.withMaxIterations(-1));
        rejects("initialTemperature must be finite and > 0, got 0.0", () -> d.withTemperatures(0, 0, true));
        rejects("finalTemperature must be > 0 and <= initialTemperature 10.0, got 20.0",
                () -> d.withTemperatures(10, 20, true));
        rejects("initialTimeShare must be in (0, 1), got 1.0", () -> d.withInitialTimeShare(1));
        rejects("averageRemoved must be finite and >= 1, got 0.5",
                () -> new ImproveOptions(0, 100, 1, true, 0.5, 10, 0.5, 0.01, 0.01, 0.1, null));
        rejects("maxStringLength must be >= 1, got 0",
                () -> new ImproveOptions(0, 100, 1, true, 10, 0, 0.5, 0.01, 0.01, 0.1, null));
        rejects("splitRate must be in [0, 1], got 1.5",
                () -> new ImproveOptions(0, 100, 1, true, 10, 10, 1.5, 0.01, 0.01, 0.1, null));
        rejects("splitDepth must be in (0, 1], got 0.0",
                () -> new ImproveOptions(0, 100, 1, true, 10, 10, 0.5, 0, 0.01, 0.1, null));
        rejects("blinkRate must be in [0, 1), got 1.0",
                () -> new ImproveOptions(0, 100, 1, true, 10, 10, 0.5, 0.01, 1, 0.1, null));
    }
}

package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RulOptionsTest {

    @Test
    void defaultsAreTheLiteratureLstm() {
        RulOptions o = new RulOptions();
        assertEquals(RulOptions.Architecture.LSTM, o.architecture());
        assertEquals(30, o.window());
        assertEquals(List.of(64, 64), o.layers());
        assertEquals(125, o.cap());
        assertEquals(0.9, o.coverage());
        assertEquals(Duration.ofMinutes(10), o.maxTrainingTime());
        RulOptions cnn = RulOptions.cnn();
        assertEquals(RulOptions.Architecture.CNN, cnn.architecture());
        assertEquals(List.of(10, 10, 10, 10), cnn.layers());
        assertEquals(10, cnn.kernel());
    }

    @Test
    void everyInvalidSettingIsNamedWithItsValue() {
        RulOptions o = new RulOptions();
        expect("window must be > 0, got 0", () -> o.withWindow(0));
        expect("every layer size must be > 0, got [64, 0]",
                () -> o.withArchitecture(RulOptions.Architecture.LSTM, List.of(64, 0), 3, 8, 0));
        expect("layers must hold at least one layer size", () -> o.withArchitecture(RulOptions.Architecture.LSTM,
                List.of(), 3, 8, 0));
        expect("dropout must be in [0, 1), got 1.0",
                () -> o.withArchitecture(RulOptions.Architecture.LSTM, List.of(4), 3, 8, 1.0));
        expect("learningRate must be finite and > 0, got NaN",
                () -> o.withTraining(Double.NaN, 32, 1, 1, Duration.ofSeconds(1)));
        expect("batchSize must be > 0, got -1", () -> o.withTraining(1e-3, -1, 1, 1, Duration.ofSeconds(1)));
        expect("maxTrainingTime must be positive, got PT0S", () -> o.withTraining(1e-3, 32, 1, 1, Duration.ZERO));
        expect("cap must be finite and > 0, got -5.0", () -> o.withCap(-5));
        expect("validationFraction must be in (0, 0.5), got 0.0", () -> o.withSplit(0, 0.1, 0.9, 10));
        expect("must leave at least 20 % of the engines", () -> o.withSplit(0.45, 0.45, 0.9, 10));
        expect("coverage must be in (0, 1), got 1.0", () -> o.withSplit(0.15, 0.15, 1.0, 10));
        expect("calibrationCuts must be > 0, got 0", () -> o.withSplit(0.15, 0.15, 0.9, 0));
    }

    private static void expect(String message, Supplier<RulOptions> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}

package org.industry4.twin.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridOptionsTest {

    @Test
    void theDefaultsAreDocumented() {
        HybridOptions o = HybridOptions.defaults();
        assertEquals(new HybridOptions(List.of(16, 16), 0.01, 300, 256, 0.2, 30, 0.01, true, 42L, Activation.TANH), o);
        assertTrue(o.correction());
        assertFalse(o.withoutCorrection().correction());
        assertTrue(o.withoutCorrection().withHidden(List.of(8)).correction());
        assertEquals(7L, o.withSeed(7).seed());
        assertEquals(0.3, o.withValidationFraction(0.3).validationFraction());
        assertEquals(0.5, o.withCorrectionPenalty(0.5).correctionPenalty());
        assertEquals(64, o.withBatchSize(64).batchSize());
        assertEquals(0.001, o.withLearningRate(0.001).learningRate());
        assertEquals(List.of(5, 2), List.of(o.withEpochs(5, 2).maxEpochs(), o.withEpochs(5, 2).patience()));
        assertEquals(Activation.TANH, o.activation());
        assertEquals(Activation.RELU, o.withActivation(Activation.RELU).activation());
        assertEquals(Activation.SOFTPLUS, o.withActivation(Activation.SOFTPLUS).withHidden(List.of(4)).withSeed(1)
                .withoutCorrection().activation(), "every copy keeps the activation");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheValue() {
        HybridOptions o = new HybridOptions();
        assertEquals("hidden widths must all be > 0, got [16, 0]",
                assertThrows(IllegalArgumentException.class, () -> o.withHidden(List.of(16, 0))).getMessage());
        assertEquals("learningRate must be finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> o.withLearningRate(Double.NaN)).getMessage());
        assertEquals("maxEpochs must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0, 1)).getMessage());
        assertEquals("patience must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> o.withEpochs(10, 0)).getMessage());
        assertEquals("batchSize must be > 0, got -5",
                assertThrows(IllegalArgumentException.class, () -> o.withBatchSize(-5)).getMessage());
        assertEquals("validationFraction must be in (0, 0.5], got 0.7",
                assertThrows(IllegalArgumentException.class, () -> o.withValidationFraction(0.7)).getMessage());
        assertEquals("correctionPenalty must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> o.withCorrectionPenalty(-1)).getMessage());
        assertEquals("activation",
                assertThrows(NullPointerException.class, () -> o.withActivation(null)).getMessage());
    }
}

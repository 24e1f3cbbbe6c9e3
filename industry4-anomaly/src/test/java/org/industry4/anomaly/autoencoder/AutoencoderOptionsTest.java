package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AutoencoderOptionsTest {

    private static final AutoencoderOptions D = new AutoencoderOptions();

    private static void assertMessage(String expected, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals(List.of(32, 16), D.encoderSizes());
        assertEquals(0, D.latentSize());
        assertEquals(AutoencoderOptions.Activation.ELU, D.activation());
        assertEquals(3e-3, D.learningRate());
        assertEquals(64, D.batchSize());
        assertEquals(200, D.maxEpochs());
        assertEquals(0.2, D.validationFraction());
        assertEquals(AutoencoderOptions.ValidationSplit.RANDOM, D.validationSplit());
        assertEquals(10, D.patience());
        assertEquals(ThresholdRule.percentile(99), D.threshold());
        assertEquals(AutoencoderOptions.ScalerKind.STANDARD, D.scaler());
        assertEquals(42L, D.seed());
    }

    @Test
    void theAutomaticLatentSizeIsAQuarterOfTheFeaturesRoundedUp() {
        assertEquals(1, D.latentSizeFor(2));
        assertEquals(2, D.latentSizeFor(6));
        assertEquals(2, D.latentSizeFor(8));
        assertEquals(3, D.latentSizeFor(9));
        assertEquals(8, D.latentSizeFor(30));
        assertEquals(5, D.withLatentSize(5).latentSizeFor(30));
    }

    @Test
    void copiesChangeOneKnobEach() {
        AutoencoderOptions o = D.withLayers(List.of(8), 3)
                .withActivation(AutoencoderOptions.Activation.TANH)
                .withLearningRate(0.01)
                .withBatchSize(16)
                .withEpochs(50, 5)
                .withValidation(0.25, AutoencoderOptions.ValidationSplit.LAST)
                .withThreshold(ThresholdRule.falseAlarmRate(0.02))
                .withScaler(AutoencoderOptions.ScalerKind.ROBUST)
                .withSeed(7);
        assertEquals(new AutoencoderOptions(List.of(8), 3, AutoencoderOptions.Activation.TANH, 0.01, 16, 50, 0.25,
                AutoencoderOptions.ValidationSplit.LAST, 5, ThresholdRule.falseAlarmRate(0.02),
                AutoencoderOptions.ScalerKind.ROBUST, 7), o);
        assertEquals(D, D.withSeed(42));
    }

    @Test
    void theEncoderSizesAreCopied() {
        List<Integer> sizes = new ArrayList<>(List.of(16, 8));
        AutoencoderOptions o = D.withLayers(sizes, 2);
        sizes.set(0, 99);
        assertEquals(List.of(16, 8), o.encoderSizes());
        assertThrows(UnsupportedOperationException.class, () -> o.encoderSizes().add(4));
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertMessage("encoderSizes must all be > 0, got [32, 0]", () -> D.withLayers(List.of(32, 0), 2));
        assertMessage("latentSize must be >= 0 (0 chooses ceil(features / 4)), got -1", () -> D.withLatentSize(-1));
        assertMessage("learningRate must be finite and > 0, got 0.0", () -> D.withLearningRate(0));
        assertMessage("learningRate must be finite and > 0, got NaN", () -> D.withLearningRate(Double.NaN));
        assertMessage("learningRate must be finite and > 0, got Infinity",
                () -> D.withLearningRate(Double.POSITIVE_INFINITY));
        assertMessage("batchSize must be > 0, got 0", () -> D.withBatchSize(0));
        assertMessage("maxEpochs must be > 0, got 0", () -> D.withEpochs(0, 5));
        assertMessage("patience must be > 0, got -2", () -> D.withEpochs(10, -2));
        assertMessage("validationFraction must be in (0, 0.5], got 0.7",
                () -> D.withValidation(0.7, AutoencoderOptions.ValidationSplit.RANDOM));
        assertMessage("validationFraction must be in (0, 0.5], got 0.0",
                () -> D.withValidation(0, AutoencoderOptions.ValidationSplit.RANDOM));
        assertThrows(NullPointerException.class, () -> D.withActivation(null));
        assertThrows(NullPointerException.class, () -> D.withThreshold(null));
        assertThrows(NullPointerException.class, () -> D.withValidation(0.2, null));
    }
}

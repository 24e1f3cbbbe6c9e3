package org.industry4.anomaly.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvAutoencoderOptionsTest {

    @Test
    void theDefaultsAreSkabsPublishedRecipe() {
        ConvAutoencoderOptions o = new ConvAutoencoderOptions();
        assertEquals(60, o.window());
        assertEquals(List.of(new ConvAutoencoderOptions.ConvLayer(32, 7, 2), new ConvAutoencoderOptions.ConvLayer(16, 7, 2)),
                o.encoder());
        assertEquals(0.2, o.dropout());
        assertEquals(1e-3, o.learningRate());
        assertEquals(32, o.batchSize());
        assertEquals(100, o.maxEpochs());
        assertEquals(5, o.patience());
        assertEquals(0.1, o.validationFraction());
        assertEquals(ThresholdRule.percentile(99.9), o.threshold());
        assertEquals(4.0 / 3.0, o.thresholdFactor());
        assertEquals(ConvAutoencoderOptions.ThresholdData.TRAINING_WINDOWS, o.thresholdData());
        assertEquals(AutoencoderOptions.ScalerKind.STANDARD, o.scaler());
    }

    private static void assertMessage(String message, Runnable r) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        ConvAutoencoderOptions o = new ConvAutoencoderOptions();
        assertMessage("window must be a multiple of the product of the strides 4, got 62", () -> o.withWindow(62));
        assertMessage("window must be >= 2, got 1", () -> o.withWindow(1));
        assertMessage("encoder must have at least 1 conv layer, got 0", () -> o.withEncoder(List.of()));
        assertMessage("a conv layer needs filters, kernel and stride > 0, got filters 0, kernel 7, stride 2",
                () -> new ConvAutoencoderOptions.ConvLayer(0, 7, 2));
        assertMessage("dropout must be in [0, 1), got 1.0", () -> o.withDropout(1));
        assertMessage("learningRate must be finite and > 0, got NaN", () -> o.withLearningRate(Double.NaN));
        assertMessage("batchSize must be > 0, got 0", () -> o.withBatchSize(0));
        assertMessage("maxEpochs must be > 0, got 0", () -> o.withEpochs(0, 5));
        assertMessage("patience must be > 0, got -1", () -> o.withEpochs(10, -1));
        assertMessage("validationFraction must be in (0, 0.5], got 0.7", () -> o.withValidationFraction(0.7));
        assertMessage("thresholdFactor must be finite and > 0, got 0.0",
                () -> o.withThreshold(ThresholdRule.percentile(99), 0, ConvAutoencoderOptions.ThresholdData.VALIDATION_WINDOWS));
    }
}

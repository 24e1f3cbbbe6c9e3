package org.industry4.anomaly.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PcaSpcOptionsTest {

    @Test
    void defaultsKeepNinetyPercentOfVarianceWithNinetyNinePercentLimitsOnStandardisedData() {
        PcaSpcOptions options = new PcaSpcOptions();
        assertEquals(0, options.components());
        assertEquals(0.90, options.varianceFraction());
        assertEquals(0.99, options.confidence());
        assertEquals(true, options.standardise());
        assertEquals(QLimitMethod.JACKSON_MUDHOLKAR, options.qLimitMethod());
    }

    @Test
    void withersCopyOneKnobAndAVarianceFractionReplacesAFixedCount() {
        PcaSpcOptions options = new PcaSpcOptions().withComponents(3).withConfidence(0.95).withStandardise(false)
                .withQLimitMethod(QLimitMethod.BOX);
        assertEquals(new PcaSpcOptions(3, 0.90, 0.95, false, QLimitMethod.BOX), options);
        assertEquals(new PcaSpcOptions(0, 0.8, 0.95, false, QLimitMethod.BOX), options.withVarianceFraction(0.8));
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheValue() {
        PcaSpcOptions options = new PcaSpcOptions();
        assertEquals("confidence must be in (0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> options.withConfidence(1.5)).getMessage());
        assertEquals("confidence must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> options.withConfidence(1.0)).getMessage());
        assertEquals("confidence must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> options.withConfidence(0)).getMessage());
        assertEquals("confidence must be in (0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> options.withConfidence(Double.NaN)).getMessage());
        assertEquals("varianceFraction must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> options.withVarianceFraction(1.0)).getMessage());
        assertEquals("varianceFraction must be in (0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> options.withVarianceFraction(-0.1)).getMessage());
        assertEquals("components must be >= 0 (0 chooses the count by varianceFraction), got -1",
                assertThrows(IllegalArgumentException.class, () -> options.withComponents(-1)).getMessage());
        assertEquals("qLimitMethod",
                assertThrows(NullPointerException.class, () -> options.withQLimitMethod(null)).getMessage());
    }
}

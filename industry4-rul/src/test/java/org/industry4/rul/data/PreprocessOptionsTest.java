package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.industry4.rul.data.PreprocessOptions.Scaling;
import org.junit.jupiter.api.Test;

class PreprocessOptionsTest {

    @Test
    void defaultsAreMinMaxThreeDistinctCmapssSettingsOneConditionSeed42() {
        PreprocessOptions o = new PreprocessOptions();
        assertEquals(new PreprocessOptions(Scaling.MIN_MAX, 3, CmapssReader.SETTINGS, 1, 42L), o);
    }

    @Test
    void withersChangeOneComponent() {
        PreprocessOptions o = new PreprocessOptions();
        assertEquals(6, o.withConditions(6).conditions());
        assertEquals(Scaling.Z_SCORE, o.withScaling(Scaling.Z_SCORE).scaling());
        assertEquals(2, o.withMinDistinctValues(2).minDistinctValues());
        assertEquals(List.of(), o.withSettingColumns(List.of()).settingColumns());
        assertEquals(7L, o.withSeed(7).seed());
        assertEquals(o, o.withConditions(6).withConditions(1));
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertEquals("minDistinctValues must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new PreprocessOptions(Scaling.MIN_MAX, 0, List.of(), 1, 1)).getMessage());
        assertEquals("conditions must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new PreprocessOptions().withConditions(0)).getMessage());
        assertEquals("settingColumns has duplicates: [a, b, a]", assertThrows(IllegalArgumentException.class,
                () -> new PreprocessOptions().withSettingColumns(List.of("a", "b", "a"))).getMessage());
        assertThrows(NullPointerException.class, () -> new PreprocessOptions().withSettingColumns(null));
        assertThrows(NullPointerException.class, () -> new PreprocessOptions().withScaling(null));
    }

    @Test
    void copiesTheSettingList() {
        List<String> names = new ArrayList<>(List.of("a"));
        PreprocessOptions o = new PreprocessOptions().withSettingColumns(names);
        names.add("b");
        assertEquals(List.of("a"), o.settingColumns());
    }
}

package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.industry4.rul.data.PreprocessOptions.Scaling;

/** Invariants of {@link Preprocessor} on synthetic engines generated from the seed. */
class PreprocessorProperties {

    @Property(tries = 25)
    void payloadRoundTripGivesIdenticalTransforms(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int conditions,
                                                  @ForAll Scaling scaling, @ForAll @IntRange(min = 1, max = 4) int minDistinct)
            throws IOException {
        List<Trajectory> engines = SyntheticEngines.generate(3, conditions, seed);
        PreprocessOptions options = new PreprocessOptions(scaling, minDistinct, CmapssReader.SETTINGS, conditions, seed);
        Preprocessor p = Preprocessor.fit(engines, options);
        Preprocessor q = PreprocessorTest.read(PreprocessorTest.payload(p));
        assertEquals(p.options(), q.options());
        assertEquals(p.outputSchema(), q.outputSchema());
        assertEquals(p.conditions(), q.conditions());
        List<Trajectory> test = SyntheticEngines.generate(2, conditions, ~seed);
        for (Trajectory t : test) {
            assertArrayEquals(p.transform(t), q.transform(t));
            for (int i = 0; i < t.cycles(); i++) {
                assertEquals(p.condition(t.row(i)), q.condition(t.row(i)));
            }
        }
        assertArrayEquals(PreprocessorTest.payload(p), PreprocessorTest.payload(q));
    }

    @Property(tries = 25)
    void trainingRowsMapIntoMinusOneOneWithMinMax(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int conditions) {
        List<Trajectory> engines = SyntheticEngines.generate(2, conditions, seed);
        Preprocessor p = Preprocessor.fit(engines, new PreprocessOptions().withConditions(conditions).withSeed(seed));
        for (Trajectory t : engines) {
            for (double[] row : p.transform(t)) {
                for (double v : row) {
                    if (!(v >= -1 - 1e-12 && v <= 1 + 1e-12)) {
                        throw new AssertionError("training value outside [-1, 1]: " + v);
                    }
                }
            }
        }
    }
}

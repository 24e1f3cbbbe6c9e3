package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class ThresholdsProperties {

    record Labelled(double[] scores, boolean[] positive) {
    }

    @Provide
    Arbitrary<Labelled> labelled() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Combinators.combine(
                        Arbitraries.integers().between(-10, 10).map(i -> i / 2.0).array(double[].class).ofSize(n),
                        Arbitraries.of(true, false).array(boolean[].class).ofSize(n))
                .as(Labelled::new));
    }

    @Property
    void f1OptimalIsTheBestOfEveryThreshold(@ForAll("labelled") Labelled l) {
        long positives = 0;
        for (boolean b : l.positive()) {
            positives += b ? 1 : 0;
        }
        Assume.that(positives > 0);
        double bestF1 = -1;
        double bestThreshold = Double.NaN;
        double[] candidates = Arrays.stream(l.scores()).distinct().sorted().toArray();
        for (int c = candidates.length - 1; c >= 0; c--) {
            long tp = 0;
            long flagged = 0;
            for (int i = 0; i < l.scores().length; i++) {
                if (l.scores()[i] >= candidates[c]) {
                    flagged++;
                    tp += l.positive()[i] ? 1 : 0;
                }
            }
            double f1 = 2.0 * tp / (flagged + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = candidates[c];
            }
        }
        F1Threshold best = Thresholds.f1Optimal(l.scores(), l.positive());
        assertEquals(bestThreshold, best.threshold());
        assertEquals(bestF1, best.f1(), 1e-12);
    }

    @Property
    void percentileIsMonotoneAndWithinTheScores(@ForAll("labelled") Labelled l,
                                                @ForAll @DoubleRange(min = 0, max = 100) double a,
                                                @ForAll @DoubleRange(min = 0, max = 100) double b) {
        double[] s = l.scores();
        double lo = Arrays.stream(s).min().orElseThrow();
        double hi = Arrays.stream(s).max().orElseThrow();
        double pa = Thresholds.percentile(s, Math.min(a, b));
        double pb = Thresholds.percentile(s, Math.max(a, b));
        assertTrue(lo <= pa && pa <= pb + 1e-12 && pb <= hi, lo + " <= " + pa + " <= " + pb + " <= " + hi);
    }
}

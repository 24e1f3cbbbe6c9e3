package org.industry4.vision.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AurocProperties {

    /** Scores on a coarse grid, so ties happen, with labels of both classes. */
    record Labelled(double[] scores, boolean[] positive) {
    }

    @Provide
    Arbitrary<Labelled> labelled() {
        return Arbitraries.integers().between(2, 60).flatMap(n -> Combinators.combine(
                        Arbitraries.integers().between(-20, 20).map(i -> i / 4.0).array(double[].class).ofSize(n),
                        Arbitraries.of(true, false).array(boolean[].class).ofSize(n))
                .as(Labelled::new));
    }

    private static boolean bothClasses(boolean[] positive) {
        boolean p = false;
        boolean n = false;
        for (boolean b : positive) {
            p |= b;
            n |= !b;
        }
        return p && n;
    }

    @Property
    void equalsThePairwiseDefinition(@ForAll("labelled") Labelled l) {
        Assume.that(bothClasses(l.positive()));
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < l.scores().length; i++) {
            for (int j = 0; j < l.scores().length; j++) {
                if (l.positive()[i] && !l.positive()[j]) {
                    pairs++;
                    double a = l.scores()[i];
                    double b = l.scores()[j];
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, Auroc.of(l.scores(), l.positive()), 1e-12);
    }

    @Property
    void negatingScoresGivesOneMinusTheAuroc(@ForAll("labelled") Labelled l) {
        Assume.that(bothClasses(l.positive()));
        double[] negated = l.scores().clone();
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -negated[i];
        }
        assertEquals(1.0 - Auroc.of(l.scores(), l.positive()), Auroc.of(negated, l.positive()), 1e-12);
    }

    @Property
    void isInvariantToMonotoneTransformsAndPermutations(@ForAll("labelled") Labelled l, @ForAll long seed) {
        Assume.that(bothClasses(l.positive()));
        int n = l.scores().length;
        double[] transformed = new double[n];
        for (int i = 0; i < n; i++) {
            transformed[i] = Math.exp(l.scores()[i]) + 3; // strictly increasing on the grid
        }
        double[] shuffled = l.scores().clone();
        boolean[] labels = l.positive().clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double s = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = s;
            boolean b = labels[i];
            labels[i] = labels[j];
            labels[j] = b;
        }
        double auroc = Auroc.of(l.scores(), l.positive());
        assertEquals(auroc, Auroc.of(transformed, l.positive()));
        assertEquals(auroc, Auroc.of(shuffled, labels));
    }
}

package org.industry4.anomaly.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The rank formula equals the definition: the share of (positive, negative) pairs ordered right, ties 1/2. */
class RocAucProperties {

    @Property(tries = 300)
    void equalsTheBruteForcePairwiseCount(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 6) Integer> scores,
                                          @ForAll @Size(min = 2, max = 60) List<Boolean> labelList) {
        int n = Math.min(scores.size(), labelList.size());
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            s[i] = scores.get(i) / 2.0; // few distinct values: many ties
            y[i] = labelList.get(i);
            positives += y[i] ? 1 : 0;
        }
        Assume.that(positives > 0 && positives < n);
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0;
                }
            }
        }
        assertEquals(wins / pairs, RocAuc.of(s, y), 1e-12);
    }

    @Property(tries = 200)
    void isInvariantUnderStrictlyIncreasingTransformsAndFlipsUnderNegation(
            @ForAll @Size(min = 2, max = 80) List<@IntRange(min = -50, max = 50) Integer> scores,
            @ForAll @Size(min = 2, max = 80) List<Boolean> labelList) {
        int n = Math.min(scores.size(), labelList.size());
        double[] s = new double[n];
        double[] transformed = new double[n];
        double[] negated = new double[n];
        boolean[] y = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            s[i] = scores.get(i);
            transformed[i] = Math.exp(s[i] / 10.0) * 3 + 1;
            negated[i] = -s[i];
            y[i] = labelList.get(i);
            positives += y[i] ? 1 : 0;
        }
        Assume.that(positives > 0 && positives < n);
        double auc = RocAuc.of(s, y);
        assertEquals(auc, RocAuc.of(transformed, y), 1e-12);
        assertEquals(1.0 - auc, RocAuc.of(negated, y), 1e-12);
    }
}

package org.industry4.rul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.industry4.rul.data.SyntheticEngines;
import org.industry4.rul.data.Trajectory;

/** Invariants of a trained model's estimates on arbitrary histories, including values far outside training. */
class RulModelProperties {

    private static RulModel lstm;
    private static RulModel cnn;
    private static List<Trajectory> engines;

    @BeforeContainer
    static void train() {
        engines = SyntheticEngines.generate(10, 1, 4);
        RulOptions options = RulTrainerTest.smallLstm().withTraining(5e-3, 64, 2, 2, Duration.ofMinutes(1));
        lstm = new RulTrainer(options).fit(engines);
        cnn = new RulTrainer(options.withArchitecture(RulOptions.Architecture.CNN, List.of(4, 2), 5, 8, 0.0))
                .fit(engines);
    }

    @Property(tries = 100)
    void estimatesLieInZeroToCapWithTheIntervalAroundThem(@ForAll @IntRange(min = 0, max = 9) int engine,
                                                          @ForAll @IntRange(min = 1, max = 400) int cycles,
                                                          @ForAll @DoubleRange(min = -50, max = 50) double shift) {
        Trajectory base = engines.get(engine);
        int n = Math.min(cycles, base.cycles());
        double[][] rows = base.head(n).rows();
        for (double[] row : rows) {
            for (int j = 3; j < row.length; j++) {
                row[j] += shift; // sensors pushed far outside the training range
            }
        }
        Trajectory t = new Trajectory("p", base.schema(), rows, 0);
        for (RulModel model : List.of(lstm, cnn)) {
            RulEstimate e = model.predict(t);
            assertTrue(e.rul() >= 0 && e.rul() <= model.cap(), e.toString());
            assertEquals(Math.max(0, e.rul() - model.halfWidth()), e.lower(), 1e-12);
            assertEquals(e.rul() + model.halfWidth(), e.upper(), 1e-12);
        }
    }

    @Property(tries = 50)
    void onlyTheLastWindowMatters(@ForAll @IntRange(min = 0, max = 9) int engine,
                                  @ForAll @IntRange(min = 0, max = 100) int dropped) {
        Trajectory base = engines.get(engine);
        int window = lstm.window();
        if (base.cycles() - dropped < window) {
            return;
        }
        // the same last window with fewer rows before it gives the same estimate
        double[][] rows = base.rows();
        double[][] tail = java.util.Arrays.copyOfRange(rows, dropped, rows.length);
        Trajectory shorter = new Trajectory("tail", base.schema(), tail, 0);
        assertEquals(lstm.predict(base), lstm.predict(shorter));
        assertEquals(cnn.predict(base), cnn.predict(shorter));
    }
}

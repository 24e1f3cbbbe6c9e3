package org.industry4.anomaly.spc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes the golden file {@code src/test/resources/golden/pca-spc-v1.i4} that {@link PcaSpcFileTest}
 * reads. Run once when a payload version is introduced, then never again for that version:
 * {@code java ... org.industry4.anomaly.spc.PcaSpcGolden industry4-anomaly/src/test/resources/golden/pca-spc-v1.i4}.
 * It prints the statistics of {@link #probes()} for the test's expected values.
 */
final class PcaSpcGolden {

    private PcaSpcGolden() {
    }

    /** The model in the golden file: 40 rows of the test process, two components, 99 % limits. */
    static PcaSpcModel model() {
        return new PcaSpcTrainer(new PcaSpcOptions().withComponents(2)).fit(SpcTestData.normal(40, 11),
                SpcTestData.SCHEMA);
    }

    /** Observations whose statistics the golden test checks: a normal one, a shifted one, a decoupled one. */
    static double[][] probes() {
        return new double[][] {
                {52.0, 3.1, 71.0, 12.5, 0.021},
                {60.0, 3.9, 73.0, 14.5, 0.022},
                {45.0, 3.6, 70.5, 12.0, 0.026}};
    }

    public static void main(String[] args) throws IOException {
        PcaSpcModel model = model();
        new PcaSpcFile().write(model, Path.of(args[0]));
        for (double[] probe : probes()) {
            SpcStatistics s = model.statistics(probe);
            System.out.println("{" + s.t2() + ", " + s.q() + ", " + s.t2Limit() + ", " + s.qLimit() + "},");
        }
    }
}

package org.industry4.twin.hybrid;

import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Creates a SameDiff graph's gradient function without ND4J 1.0.0-M2.1's console noise: its
 * {@code SameDiff.createGradFunction} prints one {@code "Added differentiated op <name>"} line per op
 * to {@code System.out}, unconditionally (about 60 lines per hybrid fit, 120 in the factory demo's
 * first minute). While it runs, {@code System.out} is a stream that drops exactly those lines and
 * passes everything else through, from any thread. One creation at a time (the creations take
 * milliseconds); {@code System.out} is put back unless someone else replaced it meanwhile.
 */
final class QuietNd4j {

    static final String NOISE = "Added differentiated op ";

    private static final Object LOCK = new Object();

    private QuietNd4j() {
    }

    /** {@code sd.createGradFunction()} with ND4J's per-op lines left out of {@code System.out}. */
    static void createGradFunction(SameDiff sd) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            PrintStream filter = new Filter(original);
            System.setOut(filter);
            try {
                sd.createGradFunction();
            } finally {
                if (System.out == filter) {
                    System.setOut(original);
                }
            }
        }
    }

    /**
     * Writes everything through to {@code target} (as bytes, so every {@code print} method works)
     * except {@code println} of a line starting with {@link #NOISE}.
     */
    static final class Filter extends PrintStream {

        Filter(PrintStream target) {
            super(target, true);
        }

        @Override
        public void println(String x) {
            if (x == null || !x.startsWith(NOISE)) {
                super.println(x);
            }
        }

        @Override
        public void println(Object x) {
            if (x instanceof String s) {
                println(s);
            } else {
                super.println(x);
            }
        }
    }
}

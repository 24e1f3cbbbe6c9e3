package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scoring one sample walks primitive arrays and allocates nothing: measured with the JVM's
 * per-thread allocation counter over many scores, allowing a few kilobytes for the JIT and the
 * counter itself, far below the 16 bytes per score the smallest object would cost.
 */
class IsolationForestAllocationTest {

    private static final int SCORES = 100_000;

    @Test
    void scoringOneSampleAllocatesNothingInBothVariants() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM has no com.sun.management.ThreadMXBean to count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        double[][] rows = TestData.blob(2000, 3, 1);
        double[][] probe = TestData.blob(64, 3, 2);
        for (int level : new int[] {0, 2}) {
            IsolationForestModel model = new IsolationForestTrainer(new IsolationForestOptions()
                    .withExtensionLevel(level)).fit(rows, TestData.schema(3));
            long thread = Thread.currentThread().getId();
            double sink = scoreMany(model, probe); // warm up: interpreter, then compiled code
            sink += scoreMany(model, probe);
            long before = threads.getThreadAllocatedBytes(thread);
            sink += scoreMany(model, probe);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(sink > 0);
            assertTrue(allocated < 64 * 1024, "extension level " + level + ": " + allocated + " bytes allocated over "
                    + SCORES + " scores");
        }
    }

    private static double scoreMany(IsolationForestModel model, double[][] probe) {
        double sum = 0;
        for (int i = 0; i < SCORES; i++) {
            sum += model.score(probe[i & 63]);
        }
        return sum;
    }
}

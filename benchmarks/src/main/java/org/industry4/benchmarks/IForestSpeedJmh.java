package org.industry4.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.industry4.anomaly.iforest.IsolationForestModel;
import org.industry4.anomaly.iforest.IsolationForestOptions;
import org.industry4.anomaly.iforest.IsolationForestTrainer;
import org.industry4.core.FeatureSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmarks behind {@code iforest-speed}: our Isolation Forest and Smile 3.1.1's on the same
 * generated data with the same trees, sub-sample and height limit. Run through
 * {@link IForestSpeedBenchmark}, which prints the table.
 *
 * <p>Data: {@code rows} training rows of a {@code features}-dimensional Gaussian blob with 1 % of
 * points far away, and {@link #PROBE_ROWS} other rows of the same kind to score. Smile's
 * {@code fit} and {@code score(double[][])} use parallel streams (every core): the {@code Serial}
 * variants confine them to one thread. Ours run in the calling thread, or on an executor of every
 * core for the {@code Parallel} variants.
 */
@State(Scope.Benchmark)
public class IForestSpeedJmh {

    /** Rows scored per batch operation. */
    public static final int PROBE_ROWS = 10_000;

    @Param("50000")
    public int rows;
    @Param("10")
    public int features;
    @Param("100")
    public int trees;
    @Param("256")
    public int sampleSize;

    private double[][] train;
    private double[][] probe;
    private FeatureSchema schema;
    private IsolationForestOptions options;
    private IsolationForestModel ours;
    private smile.anomaly.IsolationForest smileModel;
    private ExecutorService pool;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        train = data(rows, features, 1);
        probe = data(PROBE_ROWS, features, 2);
        String[] names = new String[features];
        for (int j = 0; j < features; j++) {
            names[j] = "x" + j;
        }
        schema = FeatureSchema.of(names);
        options = new IsolationForestOptions().withTrees(trees).withSampleSize(sampleSize).withSeed(7);
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        ours = new IsolationForestTrainer(options).fit(train, schema);
        smileModel = fitSmile();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static double[][] data(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[n][d];
        for (double[] row : out) {
            boolean far = random.nextDouble() < 0.01;
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() + (far ? (random.nextBoolean() ? 6 : -6) : 0);
            }
        }
        return out;
    }

    private smile.anomaly.IsolationForest fitSmile() {
        // Smile samples round(rows * subsample) rows per tree: the same psi; height limit ceil(log2 psi) as ours.
        int psi = Math.min(sampleSize, rows);
        int height = 32 - Integer.numberOfLeadingZeros(psi - 1);
        return smile.anomaly.IsolationForest.fit(train, trees, height, (double) psi / rows, 0);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IsolationForestModel fitOurs() {
        return new IsolationForestTrainer(options).fit(train, schema);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IsolationForestModel fitOursParallel() {
        return new IsolationForestTrainer(options).fit(train, schema, pool);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public smile.anomaly.IsolationForest fitSmileParallel() {
        return fitSmile();
    }

    /** Smile's fit with its parallel streams confined to the calling thread (common pool parallelism 0). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(jvmArgsPrepend = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0")
    public smile.anomaly.IsolationForest fitSmileSerial() {
        return fitSmile();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] batchOurs() {
        return ours.scoreAll(probe);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] batchOursParallel() {
        return ours.scoreAll(probe, pool);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] batchSmileParallel() {
        return smileModel.score(probe);
    }

    /** Smile one row at a time in the calling thread, as {@link #batchOurs()} runs. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] batchSmileSerial() {
        double[] out = new double[probe.length];
        for (int i = 0; i < probe.length; i++) {
            out[i] = smileModel.score(probe[i]);
        }
        return out;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double singleOurs() {
        next = (next + 1) % PROBE_ROWS;
        return ours.score(probe[next]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double singleSmile() {
        next = (next + 1) % PROBE_ROWS;
        return smileModel.score(probe[next]);
    }
}

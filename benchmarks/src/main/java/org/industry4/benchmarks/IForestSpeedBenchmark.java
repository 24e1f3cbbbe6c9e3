package org.industry4.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code iforest-speed}: runs {@link IForestSpeedJmh} with JMH (one fork per benchmark, short warm-up
 * and measurement) and prints ours beside Smile 3.1.1: training time, batch scoring throughput and
 * single-sample latency (median and p99 of JMH's sampled invocation times).
 */
final class IForestSpeedBenchmark implements Benchmark {

    @Override
    public String name() {
        return "iforest-speed";
    }

    @Override
    public String usage() {
        return "iforest-speed [--rows 50000] [--features 10] [--trees 100] [--sample 256] [--warmup 2] [--iterations 3] "
                + "[--seconds 2] [--forks 1]";
    }

    @Override
    public String description() {
        return "JMH: Isolation Forest training, batch throughput, single-sample latency, ours vs Smile 3.1.1";
    }

    @Override
    public Result run(Args args) throws Exception {
        int rows = args.intValue("rows", 50_000, 256, 10_000_000);
        int features = args.intValue("features", 10, 1, 10_000);
        int trees = args.intValue("trees", 100, 1, 10_000);
        int sample = args.intValue("sample", 256, 2, 1_000_000);
        int warmup = args.intValue("warmup", 2, 0, 100);
        int iterations = args.intValue("iterations", 3, 1, 100);
        int seconds = args.intValue("seconds", 2, 1, 600);
        int forks = args.intValue("forks", 1, 0, 10);
        args.requireAllUsed();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Options options = new OptionsBuilder()
                .include(IForestSpeedJmh.class.getName() + "\\.")
                .param("rows", Integer.toString(rows))
                .param("features", Integer.toString(features))
                .param("trees", Integer.toString(trees))
                .param("sampleSize", Integer.toString(sample))
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend("-Xmx2g")
                .verbosity(VerboseMode.SILENT)
                .build();
        System.out.printf(Locale.ROOT, "iforest-speed: %,d training rows x %d features, %d trees, sub-sample %d, "
                        + "batches of %,d rows; JMH %d fork(s), %d x 1 s warm-up, %d x %d s measured; %d cores; "
                        + "load average %.2f%n", rows, features, trees, sample, IForestSpeedJmh.PROBE_ROWS, forks,
                warmup, iterations, seconds, Runtime.getRuntime().availableProcessors(), loadBefore);
        Collection<RunResult> results = new Runner(options).run();
        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), r);
        }
        double fitOurs = score(byName, "fitOurs");
        double fitOursParallel = score(byName, "fitOursParallel");
        double fitSmile = score(byName, "fitSmileSerial");
        double fitSmileParallel = score(byName, "fitSmileParallel");
        double batchOurs = rowsPerSecond(byName, "batchOurs");
        double batchOursParallel = rowsPerSecond(byName, "batchOursParallel");
        double batchSmile = rowsPerSecond(byName, "batchSmileSerial");
        double batchSmileParallel = rowsPerSecond(byName, "batchSmileParallel");
        double oneOursP50 = percentile(byName, "singleOurs", 50) / 1e3;
        double oneOursP99 = percentile(byName, "singleOurs", 99) / 1e3;
        double oneSmileP50 = percentile(byName, "singleSmile", 50) / 1e3;
        double oneSmileP99 = percentile(byName, "singleSmile", 99) / 1e3;
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        int cores = Runtime.getRuntime().availableProcessors();
        String all = cores + " threads";
        System.out.printf(Locale.ROOT, "%n%-28s %12s %12s %7s   %12s %12s %7s%n", "", "ours", "Smile", "ratio",
                "ours", "Smile", "ratio");
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %7s   %12s %12s %7s%n", "", "1 thread", "1 thread", "",
                all, all, "");
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f %6.1fx   %12.1f %12.1f %6.1fx%n", "fit (ms)",
                fitOurs, fitSmile, fitSmile / fitOurs, fitOursParallel, fitSmileParallel,
                fitSmileParallel / fitOursParallel);
        System.out.printf(Locale.ROOT, "%-28s %,12.0f %,12.0f %6.1fx   %,12.0f %,12.0f %6.1fx%n", "batch scoring (rows/s)",
                batchOurs, batchSmile, batchOurs / batchSmile, batchOursParallel, batchSmileParallel,
                batchOursParallel / batchSmileParallel);
        System.out.printf(Locale.ROOT, "%-28s %12.2f %12.2f %6.1fx%n", "single sample median (us)",
                oneOursP50, oneSmileP50, oneSmileP50 / oneOursP50);
        System.out.printf(Locale.ROOT, "%-28s %12.2f %12.2f %6.1fx%n", "single sample p99 (us)",
                oneOursP99, oneSmileP99, oneSmileP99 / oneOursP99);
        System.out.printf(Locale.ROOT, "ratio = how many times faster ours is. %s: our executor vs Smile's parallel "
                + "streams; 1 thread: Smile's streams confined to the caller (fit) or one score(x) per row (batch).%n"
                + "Our fit includes scoring every training row for the contamination threshold; Smile's fit has no "
                + "threshold. Load average %.2f before, %.2f after.%n", all, loadBefore, loadAfter);
        return new Result().put("rows", rows).put("features", features).put("trees", trees)
                .put("fit_ms", fitOurs).put("smile_fit_ms", fitSmile)
                .put("fit_parallel_ms", fitOursParallel).put("smile_fit_parallel_ms", fitSmileParallel)
                .put("batch_rows_s", Math.round(batchOurs)).put("smile_batch_rows_s", Math.round(batchSmile))
                .put("batch_parallel_rows_s", Math.round(batchOursParallel))
                .put("smile_batch_parallel_rows_s", Math.round(batchSmileParallel))
                .put("batch_ratio", batchOurs / batchSmile)
                .put("batch_parallel_ratio", batchOursParallel / batchSmileParallel)
                .put("single_p50_us", oneOursP50).put("single_p99_us", oneOursP99)
                .put("smile_single_p50_us", oneSmileP50).put("smile_single_p99_us", oneSmileP99)
                .put("load_avg", loadAfter);
    }

    private static double rowsPerSecond(Map<String, RunResult> results, String name) {
        return IForestSpeedJmh.PROBE_ROWS / (score(results, name) / 1e3);
    }

    private static RunResult get(Map<String, RunResult> results, String name) {
        RunResult r = results.get(name);
        if (r == null) {
            throw new IllegalStateException("JMH produced no result for " + name + "; got " + results.keySet());
        }
        return r;
    }

    private static double score(Map<String, RunResult> results, String name) {
        return get(results, name).getPrimaryResult().getScore();
    }

    private static double percentile(Map<String, RunResult> results, String name, double p) {
        return get(results, name).getPrimaryResult().getStatistics().getPercentile(p);
    }
}

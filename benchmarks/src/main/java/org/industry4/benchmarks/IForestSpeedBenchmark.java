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
        double fitSmile = score(byName, "fitSmileParallel");
        double batchOurs = IForestSpeedJmh.PROBE_ROWS / (score(byName, "batchOurs") / 1e3);
        double batchOursParallel = IForestSpeedJmh.PROBE_ROWS / (score(byName, "batchOursParallel") / 1e3);
        double batchSmile = IForestSpeedJmh.PROBE_ROWS / (score(byName, "batchSmileParallel") / 1e3);
        double oneOursP50 = percentile(byName, "singleOurs", 50) / 1e3;
        double oneOursP99 = percentile(byName, "singleOurs", 99) / 1e3;
        double oneSmileP50 = percentile(byName, "singleSmile", 50) / 1e3;
        double oneSmileP99 = percentile(byName, "singleSmile", 99) / 1e3;
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%n%-34s %14s %16s %16s %8s%n", "", "ours 1 thread",
                "ours " + cores + " threads", "Smile 3.1.1 (" + cores + ")", "ratio");
        System.out.printf(Locale.ROOT, "%-34s %14.1f %16.1f %16.1f %7.2fx%n", "fit (ms, lower is better)",
                fitOurs, fitOursParallel, fitSmile, fitSmile / fitOursParallel);
        System.out.printf(Locale.ROOT, "%-34s %,14.0f %,16.0f %,16.0f %7.2fx%n", "batch scoring (rows/s)",
                batchOurs, batchOursParallel, batchSmile, batchOursParallel / batchSmile);
        System.out.printf(Locale.ROOT, "%-34s %14.2f %16s %16.2f %7.2fx%n", "single sample median (us)",
                oneOursP50, "-", oneSmileP50, oneSmileP50 / oneOursP50);
        System.out.printf(Locale.ROOT, "%-34s %14.2f %16s %16.2f %7.2fx%n", "single sample p99 (us)",
                oneOursP99, "-", oneSmileP99, oneSmileP99 / oneOursP99);
        System.out.printf(Locale.ROOT, "ratio: Smile / ours (fit, latency) or ours / Smile (throughput), each on %d "
                + "threads for fit and batch (Smile's parallel streams, our executor); load average %.2f -> %.2f%n",
                cores, loadBefore, loadAfter);
        System.out.println("ours fit includes scoring every training row for the contamination threshold; "
                + "Smile's fit has no threshold");
        return new Result().put("rows", rows).put("features", features).put("trees", trees)
                .put("fit_ms", fitOurs).put("fit_parallel_ms", fitOursParallel).put("smile_fit_ms", fitSmile)
                .put("batch_rows_s", Math.round(batchOurs)).put("batch_parallel_rows_s", Math.round(batchOursParallel))
                .put("smile_batch_rows_s", Math.round(batchSmile)).put("batch_ratio", batchOursParallel / batchSmile)
                .put("single_p50_us", oneOursP50).put("single_p99_us", oneOursP99)
                .put("smile_single_p50_us", oneSmileP50).put("smile_single_p99_us", oneSmileP99)
                .put("load_avg", loadAfter);
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

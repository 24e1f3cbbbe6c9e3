package org.industry4.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark jar's entry point: {@code java -jar industry4-benchmarks.jar NAME [options]}.
 *
 * <p>Each benchmark prints a readable table and, as its last line,
 * {@code RESULT NAME key=value ...}, so scripts can collect figures with {@code grep ^RESULT}.
 */
public final class Benchmarks {

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        register(new OpcUaIngestBenchmark());
        register(new DuckDbAppendBenchmark());
        register(new FaultClassifyBenchmark());
        register(new IForestOddsBenchmark());
        register(new IForestSpeedBenchmark());
        register(new AnomalySkabBenchmark());
        register(new TwinThermalBenchmark());
        register(new CvrpBenchmark());
        register(new RulCmapssBenchmark());
        register(new PatchCoreBenchmark());
        register(new KafkaFleetBenchmark());
    }

    private Benchmarks() {
    }

    private static void register(Benchmark b) {
        BENCHMARKS.put(b.name(), b);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
            return;
        }
        Benchmark b = BENCHMARKS.get(args[0]);
        if (b == null) {
            System.err.println("unknown benchmark \"" + args[0] + "\"");
            usage();
            System.exit(2);
            return;
        }
        Args options;
        try {
            options = Args.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(b.name() + ": " + e.getMessage());
            System.err.println("usage: " + b.usage());
            System.exit(2);
            return;
        }
        Result result = b.run(options);
        System.out.println(result.line(b.name()));
    }

    private static void usage() {
        System.err.println("usage: java -jar industry4-benchmarks.jar NAME [options]");
        System.err.println("benchmarks:");
        for (Benchmark b : BENCHMARKS.values()) {
            System.err.println("  " + b.usage());
            System.err.println("      " + b.description());
        }
    }
}

package org.industry4.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verifier;
import org.industry4.routing.improve.ImproveOptions;
import org.industry4.routing.improve.ImprovedSolver;
import org.industry4.routing.io.BestKnown;
import org.industry4.routing.io.CvrpLibReader;
import org.industry4.routing.ortools.OrToolsSolver;

/**
 * {@code cvrp}: every {@code .vrp} in a folder solved by our solver (OR-Tools seeded SISR) or by
 * plain OR-Tools guided local search, each solution checked by the independent {@link Verifier},
 * with the gap to the best-known cost from {@code BKS.csv}; with {@code --compare}, ours, plain
 * OR-Tools and jsprit side by side in the same run.
 */
final class CvrpBenchmark implements Benchmark {

    @Override
    public String name() {
        return "cvrp";
    }

    @Override
    public String usage() {
        return "cvrp --instances DIR [--time-limit 10] [--solver ours|ortools] [--threads 2] [--seed 1] [--compare]"
                + " [--bks FILE] [--max-instances N] [--name-filter REGEX]";
    }

    @Override
    public String description() {
        return "CVRPLIB instances: cost, gap to best-known and verification, ours vs OR-Tools vs jsprit";
    }

    @Override
    public Result run(Args args) throws Exception {
        Path dir = Path.of(args.string("instances", "../shared/data/cvrp/X"));
        double seconds = args.doubleValue("time-limit", 10, 0.1, 3600);
        String solverName = args.string("solver", "ours");
        int threads = args.intValue("threads", 2, 1, 256);
        long seed = args.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean compare = args.has("compare");
        if (compare) {
            args.string("compare", "");
        }
        Path bksFile = args.has("bks") ? Path.of(args.string("bks", "")) : findBks(dir);
        int max = args.intValue("max-instances", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        Pattern filter = Pattern.compile(args.string("name-filter", ".*"));
        args.requireAllUsed();

        BestKnown bks = BestKnown.read(bksFile);
        SolveOptions options = new SolveOptions(Duration.ofMillis(Math.round(seconds * 1000)), threads, seed);
        Map<String, RoutingSolver> solvers = new LinkedHashMap<>();
        RoutingSolver ours = ImprovedSolver.seededByOrTools(new ImproveOptions());
        RoutingSolver ortools = new OrToolsSolver();
        if (compare) {
            solvers.put("ours", ours);
            solvers.put("ortools", ortools);
            solvers.put("jsprit", new JspritSolver());
        } else if (solverName.equals("ours")) {
            solvers.put("ours", ours);
        } else if (solverName.equals("ortools")) {
            solvers.put("ortools", ortools);
        } else {
            throw new IllegalArgumentException("--solver must be ours or ortools, got " + solverName);
        }

        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".vrp"))
                    .filter(f -> filter.matcher(f.getFileName().toString()).find()).sorted().limit(max).toList();
        }
        System.out.printf(Locale.ROOT, "%d instances in %s, %.0f s each, %d threads, seed %d, best-known from %s%n%n",
                files.size(), dir, seconds, threads, seed, bksFile);
        System.out.printf(Locale.ROOT, "%-14s %5s %10s", "instance", "n", "best-known");
        for (String s : solvers.keySet()) {
            System.out.printf(Locale.ROOT, " %12s %8s %6s %4s", s, "gap %", "s", "ok");
        }
        System.out.println();
        Map<String, List<Double>> gaps = new LinkedHashMap<>();
        solvers.keySet().forEach(s -> gaps.put(s, new ArrayList<>()));
        boolean allVerified = true;
        int solved = 0;
        CvrpLibReader reader = new CvrpLibReader();
        for (Path file : files) {
            RoutingProblem p;
            try {
                p = reader.readProblem(file);
            } catch (IOException e) {
                System.out.printf(Locale.ROOT, "%-14s skipped: %s%n", file.getFileName(), e.getMessage());
                continue;
            }
            OptionalDouble best = bks.bks(p.name());
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %5d %10s", p.name(), p.customerCount(),
                    best.isPresent() ? String.format(Locale.ROOT, "%.2f", best.getAsDouble()) : "-"));
            for (var e : solvers.entrySet()) {
                RoutingResult r = e.getValue().solve(p, options);
                boolean ok = r.status() == RoutingResult.Status.SOLVED && Verifier.verify(p, r.solution()).feasible();
                allVerified &= ok;
                double cost = ok ? r.solution().cost() : Double.NaN;
                double gap = ok && best.isPresent() ? 100 * (cost - best.getAsDouble()) / best.getAsDouble() : Double.NaN;
                if (!Double.isNaN(gap)) {
                    gaps.get(e.getKey()).add(gap);
                }
                row.append(String.format(Locale.ROOT, " %12.2f %8.2f %6.1f %4s", cost, gap,
                        r.elapsed().toMillis() / 1000.0, ok ? "yes" : "NO"));
            }
            System.out.println(row); // one line per instance, after the solvers' logging
            solved++;
        }
        System.out.println();
        Result result = new Result().put("instances", solved).put("all_verified", allVerified);
        for (var e : gaps.entrySet()) {
            double mean = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "mean gap %-8s %6.2f %% over %d instances%n", e.getKey(), mean,
                    e.getValue().size());
            result.put("mean_gap_" + e.getKey(), mean);
        }
        if (gaps.containsKey("ours") && gaps.containsKey("ortools")) {
            double ratio = gaps.get("ours").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)
                    / gaps.get("ortools").stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "ours / ortools mean gap: %.3f%n", ratio);
            result.put("ours_over_ortools", ratio);
        }
        return result;
    }

    private static Path findBks(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("BKS.csv");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no BKS.csv in " + dir + " or a parent folder; pass --bks FILE");
    }
}

package org.industry4.routing.improve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;
import org.industry4.routing.SolveOptions;

/**
 * The SISR improvement phase (Christiaens &amp; Vanden Berghe 2020): ruin by removing strings of
 * consecutive customers from routes near a random seed customer (plain or split strings), recreate
 * by cheapest insertion with blinks in one of four customer orders, accept by simulated annealing,
 * keep the best. Handles capacity, route length (travel plus service time) and a limited fleet as
 * hard constraints; time windows are not handled.
 *
 * <p>With {@code threads > 1} that many independent searches run in parallel, each with its own
 * seed drawn from {@code options.seed()}, and the best (lowest cost, then lowest search index) wins.
 * Search 0 has the same seed for any thread count, so with an iteration budget more threads never
 * give a worse answer than one.
 */
public final class Sisr {

    private Sisr() {
    }

    /**
     * Improves {@code initial}, which must be feasible for {@code problem}, within
     * {@code solve.timeLimit()} (and {@code options.maxIterations()} per search when set) using
     * {@code solve.threads()} searches seeded from {@code solve.seed()}.
     *
     * @throws IllegalArgumentException when {@code problem} has time windows or {@code initial} is
     *     infeasible (the message names the violation)
     */
    public static SisrResult improve(RoutingProblem problem, Solution initial, SolveOptions solve,
            ImproveOptions options) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(solve, "solve");
        Objects.requireNonNull(options, "options");
        if (problem.hasTimeWindows()) {
            throw new IllegalArgumentException("problem " + problem.name()
                    + " has time windows; SISR here handles capacity and route length only");
        }
        long start = System.nanoTime();
        long deadline = start + solve.timeLimit().toNanos();
        Instance in = new Instance(problem);
        String violation = in.check(initial);
        if (violation != null) {
            throw new IllegalArgumentException("initial solution is infeasible for " + problem.name() + ": " + violation);
        }
        List<int[]> routes = new ArrayList<>();
        for (Route r : initial.routes()) {
            if (r.size() > 0) {
                routes.add(r.customers());
            }
        }
        double initialCost = in.cost(initial.routes());
        double scale = 1;
        if (options.scaleTemperatures()) {
            double mean = in.meanCustomerDistance();
            scale = mean > 0 ? mean / ImproveOptions.REFERENCE_MEAN_DISTANCE : 1;
        }
        double t0 = options.initialTemperature() * scale;
        double tf = options.finalTemperature() * scale;
        int threads = solve.threads();
        SplittableRandom seeds = new SplittableRandom(solve.seed());
        List<SisrSearch> searches = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            searches.add(new SisrSearch(in, options, i, seeds.nextLong(), routes, t0, tf, start, deadline));
        }
        List<SisrSearch.Outcome> outcomes = run(searches, options.executor());
        SisrSearch.Outcome best = null;
        long iterations = 0;
        for (SisrSearch.Outcome out : outcomes) {
            iterations += out.iterations();
            if (best == null || out.cost() < best.cost() - 1e-9) {
                best = out;
            }
        }
        List<Route> bestRoutes = new ArrayList<>(best.routes().length);
        for (int[] r : best.routes()) {
            bestRoutes.add(Route.of(r));
        }
        Solution solution = new Solution(bestRoutes, in.cost(bestRoutes));
        String after = in.check(solution);
        if (after != null) {
            throw new IllegalStateException("SISR produced an infeasible solution for " + problem.name() + ": " + after);
        }
        return new SisrResult(solution, initialCost, iterations, threads,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<SisrSearch.Outcome> run(List<SisrSearch> searches, Executor executor) {
        if (searches.size() == 1 && executor == null) {
            return List.of(searches.get(0).run());
        }
        ExecutorService own = null;
        Executor exec = executor;
        if (exec == null) {
            own = Executors.newFixedThreadPool(searches.size(), new SearchThreads());
            exec = own;
        }
        try {
            List<CompletableFuture<SisrSearch.Outcome>> futures = new ArrayList<>(searches.size());
            for (SisrSearch s : searches) {
                futures.add(CompletableFuture.supplyAsync(s::run, exec));
            }
            List<SisrSearch.Outcome> out = new ArrayList<>(futures.size());
            for (CompletableFuture<SisrSearch.Outcome> f : futures) {
                try {
                    out.add(f.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    /** Daemon threads named {@code industry4-sisr-N}, so that a forgotten pool never holds the JVM. */
    private static final class SearchThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "industry4-sisr-" + count.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}

package org.industry4.routing.improve;

import java.time.Duration;
import java.util.Objects;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.RoutingSolver;
import org.industry4.routing.SolveOptions;
import org.industry4.routing.Verifier;
import org.industry4.routing.ortools.OrToolsSolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our solver, {@code "ours"}: an initial solver (pluggable; by default the {@link SavingsSolver})
 * gets {@link ImproveOptions#initialTimeShare()} of the time limit, then {@link Sisr} improves its
 * solution for the rest, and the best solution is returned with its cost recomputed from the
 * distances.
 *
 * <p>Problems with time windows are passed to the initial solver with the whole time limit and its
 * result is returned unchanged: SISR here checks capacity and route length only, so it cannot
 * keep a schedule feasible. An initial result that is not {@code SOLVED} is returned unchanged too.
 *
 * <p>Deterministic for a fixed seed and thread count when the initial solver is and
 * {@link ImproveOptions#maxIterations()} is set (and reached before the time limit); with a pure
 * time limit the number of iterations, and so the answer, depends on the machine's speed and load.
 */
public final class ImprovedSolver implements RoutingSolver {

    private static final Logger LOG = LoggerFactory.getLogger(ImprovedSolver.class);

    private final RoutingSolver initial;
    private final ImproveOptions options;

    /** Savings construction, then SISR with the paper's settings. */
    public ImprovedSolver() {
        this(new SavingsSolver(), new ImproveOptions());
    }

    /** Savings construction, then SISR with {@code options}. */
    public ImprovedSolver(ImproveOptions options) {
        this(new SavingsSolver(), options);
    }

    /** {@code initial} (e.g. the OR-Tools solver) for the first share of the time, then SISR with {@code options}. */
    public ImprovedSolver(RoutingSolver initial, ImproveOptions options) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "ours";
    }

    /** The solver that provides the starting solution. */
    public RoutingSolver initialSolver() {
        return initial;
    }

    public ImproveOptions options() {
        return options;
    }

    /**
     * Our solver seeded by plain OR-Tools: guided local search ({@link OrToolsSolver} defaults) gets
     * {@link ImproveOptions#initialTimeShare()} of the time limit, SISR the rest.
     */
    public static ImprovedSolver seededByOrTools(ImproveOptions options) {
        return new ImprovedSolver(new OrToolsSolver(), options);
    }

    @Override
    public RoutingResult solve(RoutingProblem problem, SolveOptions solve) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(solve, "solve");
        long start = System.nanoTime();
        if (problem.hasTimeWindows()) {
            LOG.info("{}: time windows present; SISR handles capacity and route length only, returning {}'s result",
                    problem.name(), initial.name());
            return initial.solve(problem, solve);
        }
        long totalNanos = solve.timeLimit().toNanos();
        long initialNanos = Math.max(1_000_000L, (long) (totalNanos * options.initialTimeShare()));
        RoutingResult first = initial.solve(problem, solve.withTimeLimit(Duration.ofNanos(initialNanos)));
        if (first.status() != RoutingResult.Status.SOLVED) {
            LOG.info("{}: initial solver {} gave {} ({}); nothing to improve", problem.name(), initial.name(),
                    first.status(), first.message());
            return first;
        }
        long remaining = totalNanos - (System.nanoTime() - start);
        if (remaining <= 0 && options.maxIterations() == 0) {
            LOG.info("{}: no time left after {} (cost {}); returning its solution", problem.name(), initial.name(),
                    first.solution().cost());
            Verifier.verify(problem, first.solution()).orThrow(name() + " on " + problem.name());
            return new RoutingResult(RoutingResult.Status.SOLVED, first.solution(), name(), elapsed(start),
                    "no time left for improvement after " + initial.name());
        }
        SolveOptions rest = solve.withTimeLimit(Duration.ofNanos(Math.max(1_000_000L, remaining)));
        LOG.info("{}: improving {}'s solution (cost {}, {} routes) with SISR, {} search(es), {}", problem.name(),
                initial.name(), first.solution().cost(), first.solution().vehicles(), solve.threads(),
                options.maxIterations() > 0 ? options.maxIterations() + " iterations each or " + rest.timeLimit()
                        : rest.timeLimit().toString());
        SisrResult improved;
        try {
            improved = Sisr.improve(problem, first.solution(), rest, options);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: cannot improve {}'s solution: {}; returning it", problem.name(), initial.name(),
                    e.getMessage());
            return first;
        }
        LOG.info("{}: SISR {} -> {} ({}), {} iterations, {} iterations/s", problem.name(), improved.initialCost(),
                improved.solution().cost(), String.format("%.2f %%",
                        100 * (improved.initialCost() - improved.solution().cost()) / improved.initialCost()),
                improved.iterations(), Math.round(improved.iterationsPerSecond()));
        String message = String.format("%s %.1f -> SISR %.1f, %d iterations (%.0f/s), %d search(es)", initial.name(),
                improved.initialCost(), improved.solution().cost(), improved.iterations(),
                improved.iterationsPerSecond(), improved.searches());
        Verifier.verify(problem, improved.solution()).orThrow(name() + " on " + problem.name());
        return new RoutingResult(RoutingResult.Status.SOLVED, improved.solution(), name(), elapsed(start), message);
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

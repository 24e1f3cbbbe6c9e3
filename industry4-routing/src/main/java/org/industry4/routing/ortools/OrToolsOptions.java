package org.industry4.routing.ortools;

import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import java.util.Locale;
import java.util.Objects;

/**
 * OR-Tools specifics for {@link OrToolsSolver}; the time limit, threads and seed come from
 * {@link org.industry4.routing.SolveOptions}.
 *
 * @param firstSolutionStrategy how the first solution is built (not {@code UNSET}/{@code UNRECOGNIZED})
 * @param metaheuristic the local search metaheuristic (not {@code UNSET}/{@code UNRECOGNIZED})
 * @param distanceScale the factor by which distances (and service times, time windows, route-length
 *                      limits) are multiplied before rounding to OR-Tools' integers: 0 chooses it from
 *                      the data (1 when every distance and time value is an integer, as under
 *                      EUC_2D, otherwise 1000), otherwise a power of ten in {@code [1, 1e6]}
 * @param logSearch whether OR-Tools prints its search log (to stderr, from native code)
 * @param name the solver's name in results; null derives it ({@code "ortools-gls"} for the defaults)
 */
public record OrToolsOptions(FirstSolutionStrategy.Value firstSolutionStrategy,
                             LocalSearchMetaheuristic.Value metaheuristic,
                             long distanceScale, boolean logSearch, String name) {

    public OrToolsOptions {
        Objects.requireNonNull(firstSolutionStrategy, "firstSolutionStrategy");
        Objects.requireNonNull(metaheuristic, "metaheuristic");
        if (firstSolutionStrategy == FirstSolutionStrategy.Value.UNSET
                || firstSolutionStrategy == FirstSolutionStrategy.Value.UNRECOGNIZED) {
            throw new IllegalArgumentException("firstSolutionStrategy must be a strategy, got " + firstSolutionStrategy);
        }
        if (metaheuristic == LocalSearchMetaheuristic.Value.UNSET
                || metaheuristic == LocalSearchMetaheuristic.Value.UNRECOGNIZED) {
            throw new IllegalArgumentException("metaheuristic must be a metaheuristic, got " + metaheuristic);
        }
        if (distanceScale != 0 && !isPowerOfTen(distanceScale)) {
            throw new IllegalArgumentException("distanceScale must be 0 (auto) or a power of ten in [1, 1e6], got "
                    + distanceScale);
        }
        if (name == null) {
            name = "ortools-" + abbreviation(metaheuristic)
                    + (firstSolutionStrategy == FirstSolutionStrategy.Value.PATH_CHEAPEST_ARC ? ""
                    : "-" + firstSolutionStrategy.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        } else if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
    }

    /** Plain OR-Tools GLS, the benchmark's anchor: PATH_CHEAPEST_ARC then GUIDED_LOCAL_SEARCH, scale auto, no log. */
    public OrToolsOptions() {
        this(FirstSolutionStrategy.Value.PATH_CHEAPEST_ARC, LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH, 0, false,
                null);
    }

    public OrToolsOptions withFirstSolutionStrategy(FirstSolutionStrategy.Value strategy) {
        return new OrToolsOptions(strategy, metaheuristic, distanceScale, logSearch, null);
    }

    public OrToolsOptions withMetaheuristic(LocalSearchMetaheuristic.Value value) {
        return new OrToolsOptions(firstSolutionStrategy, value, distanceScale, logSearch, null);
    }

    public OrToolsOptions withDistanceScale(long scale) {
        return new OrToolsOptions(firstSolutionStrategy, metaheuristic, scale, logSearch, name);
    }

    public OrToolsOptions withLogSearch(boolean log) {
        return new OrToolsOptions(firstSolutionStrategy, metaheuristic, distanceScale, log, name);
    }

    private static boolean isPowerOfTen(long v) {
        for (long p = 1; p <= 1_000_000; p *= 10) {
            if (v == p) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviation(LocalSearchMetaheuristic.Value m) {
        return switch (m) {
            case GUIDED_LOCAL_SEARCH -> "gls";
            case SIMULATED_ANNEALING -> "sa";
            case TABU_SEARCH -> "tabu";
            case GENERIC_TABU_SEARCH -> "generic-tabu";
            case GREEDY_DESCENT -> "descent";
            default -> m.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}

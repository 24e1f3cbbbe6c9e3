package org.industry4.routing;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Verifier#verify(RoutingProblem, Solution)} found.
 *
 * @param feasible true when there is no violation at all (the cost claim included)
 * @param recomputedCost the total travel distance of the routes, recomputed from the problem's
 *                       distances (service times excluded), whatever the violations
 * @param violations every violation found, in route order; empty when feasible
 */
public record Verification(boolean feasible, double recomputedCost, List<Violation> violations) {

    public Verification {
        Objects.requireNonNull(violations, "violations");
        violations = List.copyOf(violations);
        if (feasible != violations.isEmpty()) {
            throw new IllegalArgumentException("feasible is " + feasible + " but there are " + violations.size()
                    + " violations");
        }
    }

    /** The violations' messages, each prefixed with its kind. */
    public List<String> messages() {
        return violations.stream().map(Violation::toString).toList();
    }

    /** Whether some violation is of {@code kind}. */
    public boolean has(Violation.Kind kind) {
        return violations.stream().anyMatch(v -> v.kind() == kind);
    }

    /** Throws {@link IllegalStateException} listing the violations unless feasible; returns this otherwise. */
    public Verification orThrow(String context) {
        if (!feasible) {
            throw new IllegalStateException(context + ": solution fails verification: " + String.join("; ", messages()));
        }
        return this;
    }
}

package org.industry4.routing;

import java.util.Objects;

/**
 * One way a solution breaks its problem's rules, found by {@link Verifier}.
 *
 * @param kind what rule is broken
 * @param message a human-readable account naming the route, the customer and the values
 */
public record Violation(Kind kind, String message) {

    /** The rules a solution can break. */
    public enum Kind {
        /** A customer no route visits. */
        MISSING_CUSTOMER,
        /** A customer visited more than once (in one route or in several). */
        DUPLICATE_CUSTOMER,
        /** A route holds the depot or an index outside {@code 1..size()-1}. */
        INVALID_NODE,
        /** A route with no customers (a {@link Solution} lists only the vehicles it uses). */
        EMPTY_ROUTE,
        /** A route's total demand above the vehicle capacity. */
        CAPACITY,
        /** A route's travel plus service time above the maximum route length. */
        ROUTE_LENGTH,
        /** Service starting after a customer's due time, or a return to the depot after it closes. */
        TIME_WINDOW,
        /** More routes than the fleet has vehicles. */
        FLEET_SIZE,
        /** The claimed cost differs from the recomputed one beyond the tolerance. */
        COST_MISMATCH
    }

    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}

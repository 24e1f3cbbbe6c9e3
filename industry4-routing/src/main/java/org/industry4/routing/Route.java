package org.industry4.routing;

import java.util.Arrays;

/**
 * One vehicle's tour: the customers (node indices, never the depot) in visiting order; the tour
 * starts and ends at the depot.
 */
public final class Route {

    private final int[] customers;

    private Route(int[] customers) {
        this.customers = customers;
    }

    /** A route visiting {@code customers} in this order (copied). */
    public static Route of(int... customers) {
        if (customers == null) {
            throw new IllegalArgumentException("customers must not be null");
        }
        return new Route(customers.clone());
    }

    /** The customers in visiting order (a copy). */
    public int[] customers() {
        return customers.clone();
    }

    /** The number of customers visited. */
    public int size() {
        return customers.length;
    }

    /** The {@code i}-th customer visited. */
    public int customer(int i) {
        return customers[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && Arrays.equals(customers, r.customers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(customers);
    }

    @Override
    public String toString() {
        return "Route" + Arrays.toString(customers);
    }
}

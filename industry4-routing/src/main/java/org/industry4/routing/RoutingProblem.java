package org.industry4.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A capacitated vehicle routing problem: node 0 is the depot, nodes {@code 1..size()-1} are the
 * customers, each with a demand; a fleet of identical vehicles of one capacity, optionally limited
 * in number and in route length (travel plus service time); optional service times and time
 * windows. Distances come from coordinates under a {@link DistanceConvention} or from a matrix.
 *
 * <p>Immutable and thread-safe; built and validated by {@link #builder(String)}. Distances are held
 * in one row-major {@code double[]} so that solvers read them without indirection.
 */
public final class RoutingProblem {

    /** The depot's node index. */
    public static final int DEPOT = 0;

    private final String name;
    private final int size;
    private final DistanceConvention convention;
    private final double[] x;
    private final double[] y;
    private final double[] distance;
    private final int[] demand;
    private final int capacity;
    private final int vehicles;
    private final double maxRouteLength;
    private final double[] serviceTime;
    private final double[] ready;
    private final double[] due;

    private RoutingProblem(Builder b, double[] distance) {
        this.name = b.name;
        this.size = b.demand.size();
        this.convention = b.convention;
        this.x = b.x == null ? null : b.x.clone();
        this.y = b.y == null ? null : b.y.clone();
        this.distance = distance;
        this.demand = b.demand.stream().mapToInt(Integer::intValue).toArray();
        this.capacity = b.capacity;
        this.vehicles = b.vehicles;
        this.maxRouteLength = b.maxRouteLength;
        this.serviceTime = b.serviceTime;
        this.ready = b.ready;
        this.due = b.due;
    }

    /** A builder for a problem called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The number of nodes, depot included. */
    public int size() {
        return size;
    }

    /** The number of customers ({@code size() - 1}). */
    public int customerCount() {
        return size - 1;
    }

    public DistanceConvention convention() {
        return convention;
    }

    /** The distance (and travel time) from node {@code i} to node {@code j}. */
    public double distance(int i, int j) {
        return distance[i * size + j];
    }

    /** The distance matrix, row-major {@code size() x size()} (a copy). */
    public double[] distanceMatrix() {
        return distance.clone();
    }

    public int demand(int node) {
        return demand[node];
    }

    /** The total demand of all customers. */
    public long totalDemand() {
        long total = 0;
        for (int d : demand) {
            total += d;
        }
        return total;
    }

    public int capacity() {
        return capacity;
    }

    /** The maximum number of vehicles, {@link Integer#MAX_VALUE} when the fleet is unlimited. */
    public int vehicles() {
        return vehicles;
    }

    /** Whether the fleet size is limited. */
    public boolean limitedFleet() {
        return vehicles != Integer.MAX_VALUE;
    }

    /** The maximum length of a route (travel plus service time), infinite when unlimited. */
    public double maxRouteLength() {
        return maxRouteLength;
    }

    public boolean limitedRouteLength() {
        return maxRouteLength != Double.POSITIVE_INFINITY;
    }

    /** The service time at {@code node} (0 at the depot and when none is given). */
    public double serviceTime(int node) {
        return serviceTime == null ? 0 : serviceTime[node];
    }

    public boolean hasServiceTimes() {
        return serviceTime != null;
    }

    public boolean hasTimeWindows() {
        return ready != null;
    }

    /** The earliest start of service at {@code node} (0 without time windows). */
    public double readyTime(int node) {
        return ready == null ? 0 : ready[node];
    }

    /** The latest start of service at {@code node} (infinite without time windows). */
    public double dueTime(int node) {
        return due == null ? Double.POSITIVE_INFINITY : due[node];
    }

    public boolean hasCoordinates() {
        return x != null;
    }

    /** The x coordinate of {@code node}; {@link IllegalStateException} without coordinates. */
    public double x(int node) {
        requireCoordinates();
        return x[node];
    }

    /** The y coordinate of {@code node}; {@link IllegalStateException} without coordinates. */
    public double y(int node) {
        requireCoordinates();
        return y[node];
    }

    private void requireCoordinates() {
        if (x == null) {
            throw new IllegalStateException("problem " + name + " has no coordinates");
        }
    }

    @Override
    public String toString() {
        return "RoutingProblem[" + name + ": " + customerCount() + " customers, capacity " + capacity
                + (limitedFleet() ? ", " + vehicles + " vehicles" : "")
                + (limitedRouteLength() ? ", max route length " + maxRouteLength : "")
                + (hasTimeWindows() ? ", time windows" : "") + ", " + convention + "]";
    }

    /**
     * Builds a {@link RoutingProblem}. Nodes are added in order: the depot first (node 0), then
     * customers (1, 2, ...), either one at a time ({@link #depot}, {@link #customer}) or as arrays
     * ({@link #coordinates}, {@link #demands}). Distances come from coordinates under the
     * convention ({@link DistanceConvention#EUC_2D} by default) or from {@link #distanceMatrix}.
     * {@link #build()} checks everything and names the field and value of the first problem found.
     */
    public static final class Builder {

        private final String name;
        private DistanceConvention convention = DistanceConvention.EUC_2D;
        private double[] x;
        private double[] y;
        private final List<Double> xs = new ArrayList<>();
        private final List<Double> ys = new ArrayList<>();
        private List<Integer> demand = new ArrayList<>();
        private double[][] matrix;
        private int capacity = -1;
        private int vehicles = Integer.MAX_VALUE;
        private double maxRouteLength = Double.POSITIVE_INFINITY;
        private double[] serviceTime;
        private double[] ready;
        private double[] due;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
            }
            this.name = name;
        }

        /** Adds the depot at {@code (x, y)}; must come before any customer. */
        public Builder depot(double x, double y) {
            if (!demand.isEmpty()) {
                throw new IllegalStateException("the depot must be added first, " + demand.size() + " nodes exist");
            }
            return node(x, y, 0);
        }

        /** Adds the next customer at {@code (x, y)} with {@code demand}. */
        public Builder customer(double x, double y, int demand) {
            if (this.demand.isEmpty()) {
                throw new IllegalStateException("add the depot before the first customer");
            }
            return node(x, y, demand);
        }

        private Builder node(double nx, double ny, int d) {
            if (x != null) {
                throw new IllegalStateException("coordinates were given as arrays; add nodes one way only");
            }
            xs.add(nx);
            ys.add(ny);
            demand.add(d);
            return this;
        }

        /** All coordinates at once, index 0 the depot. */
        public Builder coordinates(double[] x, double[] y) {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
            }
            if (!xs.isEmpty()) {
                throw new IllegalStateException("nodes were added one at a time; add nodes one way only");
            }
            this.x = x.clone();
            this.y = y.clone();
            return this;
        }

        /** All demands at once, index 0 the depot (whose demand must be 0). */
        public Builder demands(int[] demands) {
            Objects.requireNonNull(demands, "demands");
            if (!xs.isEmpty()) {
                throw new IllegalStateException("nodes were added one at a time; add nodes one way only");
            }
            List<Integer> list = new ArrayList<>(demands.length);
            for (int d : demands) {
                list.add(d);
            }
            this.demand = list;
            return this;
        }

        /** How distances follow from coordinates; ignored when a matrix is given. */
        public Builder convention(DistanceConvention convention) {
            this.convention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /** A full distance matrix (road distances), index 0 the depot; sets the convention to EXPLICIT. */
        public Builder distanceMatrix(double[][] matrix) {
            Objects.requireNonNull(matrix, "matrix");
            this.matrix = new double[matrix.length][];
            for (int i = 0; i < matrix.length; i++) {
                this.matrix[i] = Objects.requireNonNull(matrix[i], "matrix row " + i).clone();
            }
            this.convention = DistanceConvention.EXPLICIT;
            return this;
        }

        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** The maximum number of vehicles (unlimited when not set). */
        public Builder vehicles(int vehicles) {
            if (vehicles <= 0) {
                throw new IllegalArgumentException("vehicles must be > 0, got " + vehicles);
            }
            this.vehicles = vehicles;
            return this;
        }

        /** The maximum route length, travel plus service time (unlimited when not set). */
        public Builder maxRouteLength(double maxRouteLength) {
            if (!(maxRouteLength > 0)) {
                throw new IllegalArgumentException("maxRouteLength must be > 0, got " + maxRouteLength);
            }
            this.maxRouteLength = maxRouteLength;
            return this;
        }

        /** The same service time at every customer (none at the depot). */
        public Builder serviceTime(double serviceTime) {
            this.serviceTime = new double[] {Double.NaN, serviceTime};
            return this;
        }

        /** Service times per node, index 0 the depot. */
        public Builder serviceTimes(double[] serviceTimes) {
            this.serviceTime = Objects.requireNonNull(serviceTimes, "serviceTimes").clone();
            return this;
        }

        /** Time windows per node, index 0 the depot's opening hours: service starts in {@code [ready, due]}. */
        public Builder timeWindows(double[] ready, double[] due) {
            Objects.requireNonNull(ready, "ready");
            Objects.requireNonNull(due, "due");
            this.ready = ready.clone();
            this.due = due.clone();
            return this;
        }

        /** Checks everything and builds the problem. */
        public RoutingProblem build() {
            int n = demand.size();
            if (x == null && !xs.isEmpty()) {
                x = xs.stream().mapToDouble(Double::doubleValue).toArray();
                y = ys.stream().mapToDouble(Double::doubleValue).toArray();
            }
            if (n < 2) {
                throw new IllegalArgumentException("problem " + name + " needs a depot and at least one customer, got "
                        + n + " nodes");
            }
            if (capacity <= 0) {
                throw new IllegalArgumentException("capacity must be > 0, got " + (capacity == -1 ? "none" : capacity));
            }
            if (demand.get(0) != 0) {
                throw new IllegalArgumentException("the depot's demand must be 0, got " + demand.get(0));
            }
            for (int i = 1; i < n; i++) {
                int d = demand.get(i);
                if (d < 0) {
                    throw new IllegalArgumentException("demand of customer " + i + " must be >= 0, got " + d);
                }
                if (d > capacity) {
                    throw new IllegalArgumentException("demand of customer " + i + " is " + d
                            + ", above the vehicle capacity " + capacity + ": no vehicle can serve it");
                }
            }
            double[] dist = matrix != null ? fromMatrix(n) : fromCoordinates(n);
            if (serviceTime != null) {
                serviceTime = expandService(n);
            }
            if (ready != null) {
                checkWindows(n);
            }
            return new RoutingProblem(this, dist);
        }

        private double[] fromCoordinates(int n) {
            if (x == null) {
                throw new IllegalArgumentException("problem " + name + " has neither coordinates nor a distance matrix");
            }
            if (x.length != n) {
                throw new IllegalArgumentException(n + " demands but " + x.length + " coordinates");
            }
            if (convention == DistanceConvention.EXPLICIT) {
                throw new IllegalArgumentException("convention EXPLICIT needs a distance matrix");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("coordinates of node " + i + " must be finite, got (" + x[i]
                            + ", " + y[i] + ")");
                }
            }
            double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[i * n + j] = i == j ? 0 : convention.between(x[i], y[i], x[j], y[j]);
                }
            }
            return d;
        }

        private double[] fromMatrix(int n) {
            if (matrix.length != n) {
                throw new IllegalArgumentException(n + " demands but the distance matrix has " + matrix.length + " rows");
            }
            if (x != null && x.length != n) {
                throw new IllegalArgumentException(n + " demands but " + x.length + " coordinates");
            }
            double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                if (matrix[i].length != n) {
                    throw new IllegalArgumentException("distance matrix row " + i + " has " + matrix[i].length
                            + " values, expected " + n);
                }
                for (int j = 0; j < n; j++) {
                    double v = matrix[i][j];
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException("distance from " + i + " to " + j
                                + " must be finite and >= 0, got " + v);
                    }
                    if (i == j && v != 0) {
                        throw new IllegalArgumentException("distance from " + i + " to itself must be 0, got " + v);
                    }
                    d[i * n + j] = v;
                }
            }
            return d;
        }

        private double[] expandService(int n) {
            double[] s;
            if (serviceTime.length == 2 && Double.isNaN(serviceTime[0])) {
                s = new double[n];
                java.util.Arrays.fill(s, 1, n, serviceTime[1]);
            } else if (serviceTime.length == n) {
                s = serviceTime;
            } else {
                throw new IllegalArgumentException(n + " nodes but " + serviceTime.length + " service times");
            }
            for (int i = 0; i < n; i++) {
                if (!(s[i] >= 0) || Double.isInfinite(s[i])) {
                    throw new IllegalArgumentException("service time of node " + i + " must be finite and >= 0, got " + s[i]);
                }
            }
            return s;
        }

        private void checkWindows(int n) {
            if (ready.length != n || due.length != n) {
                throw new IllegalArgumentException(n + " nodes but " + ready.length + " ready times and " + due.length
                        + " due times");
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(ready[i]) || Double.isNaN(due[i]) || ready[i] > due[i]) {
                    throw new IllegalArgumentException("time window of node " + i + " must satisfy ready <= due, got ["
                            + ready[i] + ", " + due[i] + "]");
                }
            }
        }
    }
}

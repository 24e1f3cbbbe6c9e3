package org.industry4.routing;

/**
 * How a problem's distances were obtained, with TSPLIB's conventions for coordinates.
 */
public enum DistanceConvention {
    /** Euclidean distance between coordinates rounded to the nearest integer (TSPLIB {@code EUC_2D}). */
    EUC_2D,
    /** Euclidean distance between coordinates, unrounded (CVRPLIB {@code EXACT_2D}). */
    EXACT_2D,
    /** A matrix given by the user or the file (road distances, TSPLIB {@code EXPLICIT}). */
    EXPLICIT;

    /**
     * The distance between two points under this convention.
     *
     * @throws IllegalStateException for {@link #EXPLICIT}, which has no coordinates rule
     */
    public double between(double x1, double y1, double x2, double y2) {
        double d = Math.hypot(x1 - x2, y1 - y2);
        return switch (this) {
            case EUC_2D -> Math.floor(d + 0.5);
            case EXACT_2D -> d;
            case EXPLICIT -> throw new IllegalStateException("EXPLICIT distances come from a matrix, not coordinates");
        };
    }
}

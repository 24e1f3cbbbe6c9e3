package org.industry4.routing.map;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.industry4.core.AtomicFiles;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;

/**
 * Draws a solution as an SVG map: the depot a black square, customers grey dots, each route a
 * closed path (depot, customers, depot) in its own colour, and a title with the problem's name,
 * the cost and the number of routes. Coordinates are scaled into a 800 x 800 drawing with y up.
 * Needs a problem with coordinates ({@link RoutingProblem#hasCoordinates()}).
 */
public final class RouteMap {

    private static final int SIZE = 800;
    private static final int MARGIN = 40;

    private RouteMap() {
    }

    /** Writes the map of {@code solution} to {@code file} atomically. */
    public static void writeSvg(RoutingProblem problem, Solution solution, Path file) throws IOException {
        String svg = svg(problem, solution);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(svg);
            w.flush();
        });
    }

    /** The SVG document {@link #writeSvg} writes. */
    public static String svg(RoutingProblem problem, Solution solution) {
        return svg(problem, solution, null);
    }

    /**
     * The map with a label beside each node, e.g. a site's or a customer's name.
     *
     * @param labels one per node, the depot's first ({@code problem.size()} of them); {@code null}
     *     or an empty string draws none for that node; the list itself may be {@code null}
     * @throws IllegalArgumentException if there is not one label per node
     */
    public static String svg(RoutingProblem problem, Solution solution, List<String> labels) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(solution, "solution");
        if (labels != null && labels.size() != problem.size()) {
            throw new IllegalArgumentException("labels must hold one per node (" + problem.size() + "), got "
                    + labels.size());
        }
        if (!problem.hasCoordinates()) {
            throw new IllegalArgumentException("problem " + problem.name() + " has no coordinates to draw (EXPLICIT distances)");
        }
        int n = problem.size();
        for (Route r : solution.routes()) {
            for (int c : r.customers()) {
                if (c < 0 || c >= n) {
                    throw new IllegalArgumentException("route " + r + " holds node " + c + ", outside 0.." + (n - 1));
                }
            }
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, problem.x(i));
            maxX = Math.max(maxX, problem.x(i));
            minY = Math.min(minY, problem.y(i));
            maxY = Math.max(maxY, problem.y(i));
        }
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
        double k = (SIZE - 2 * MARGIN) / span;
        double fx0 = minX;
        double fy1 = maxY;
        java.util.function.IntFunction<String> pt = i -> fmt(MARGIN + (problem.x(i) - fx0) * k) + ","
                + fmt(MARGIN + (fy1 - problem.y(i)) * k);
        String title = escape(problem.name()) + ": cost " + fmt(solution.cost()) + ", " + solution.routes().size()
                + " routes";
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
                .append("\" viewBox=\"0 0 ").append(SIZE).append(' ').append(SIZE).append("\">\n");
        sb.append("<title>").append(title).append("</title>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(MARGIN).append("\" y=\"24\" font-family=\"sans-serif\" font-size=\"16\">")
                .append(title).append("</text>\n");
        for (int r = 0; r < solution.routes().size(); r++) {
            Route route = solution.routes().get(r);
            StringBuilder d = new StringBuilder("M").append(pt.apply(0));
            for (int c : route.customers()) {
                d.append(" L").append(pt.apply(c));
            }
            d.append(" Z");
            double hue = (r * 137.508) % 360; // golden angle: neighbouring routes get distinct colours
            sb.append("<path class=\"route\" id=\"route-").append(r + 1).append("\" d=\"").append(d)
                    .append("\" fill=\"none\" stroke=\"hsl(").append(fmt(hue)).append(",70%,45%)\" stroke-width=\"2\"/>\n");
        }
        for (int i = 1; i < n; i++) {
            String[] p = pt.apply(i).split(",");
            sb.append("<circle class=\"customer\" cx=\"").append(p[0]).append("\" cy=\"").append(p[1])
                    .append("\" r=\"3\" fill=\"#555\"><title>customer ").append(i).append(", demand ")
                    .append(problem.demand(i)).append("</title></circle>\n");
        }
        String[] dp = pt.apply(0).split(",");
        sb.append("<rect class=\"depot\" x=\"").append(fmt(Double.parseDouble(dp[0]) - 6)).append("\" y=\"")
                .append(fmt(Double.parseDouble(dp[1]) - 6)).append("\" width=\"12\" height=\"12\" fill=\"black\">"
                        + "<title>depot</title></rect>\n");
        for (int i = 0; labels != null && i < n; i++) {
            String label = labels.get(i);
            if (label != null && !label.isEmpty()) {
                String[] p = pt.apply(i).split(",");
                double x = Double.parseDouble(p[0]);
                boolean right = x > SIZE / 2.0; // right half: the label ends at the node, so it stays inside
                sb.append("<text class=\"label\" x=\"").append(fmt(right ? x - 9 : x + 9)).append("\" y=\"")
                        .append(fmt(Double.parseDouble(p[1]) - 7)).append("\" font-family=\"sans-serif\" "
                                + "font-size=\"13\"").append(right ? " text-anchor=\"end\"" : "").append('>')
                        .append(escape(label)).append("</text>\n");
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

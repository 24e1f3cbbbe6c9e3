package org.industry4.routing.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industry4.core.AtomicFiles;
import org.industry4.routing.Route;
import org.industry4.routing.Solution;

/**
 * CVRPLIB solution files ({@code .sol}): lines {@code "Route #1: 3 5 7"}, then {@code "Cost 27591"}.
 *
 * <p>Customers are numbered as CVRPLIB numbers them: the depot is 0 and is not written, and
 * customer numbers are our node indices (file node {@code k} of an instance whose depot is file
 * node 1 is customer {@code k - 1}). For instances with a remapped depot the numbers are our
 * indices too; {@link CvrpInstance#fileNodeOf(int)} converts to the instance file's numbering.
 * Reading checks the format only; use {@link org.industry4.routing.Verifier} for the content.
 * Writing is atomic ({@link AtomicFiles}).
 */
public final class SolutionFile {

    private static final Pattern ROUTE = Pattern.compile("^Route\\s*#\\s*(\\d+)\\s*:(.*)$");
    private static final Pattern COST = Pattern.compile("^Cost\\s+(\\S+)$");

    private SolutionFile() {
    }

    /** Reads a {@code .sol} file; other lines than routes and the cost (e.g. "Time 12.3") are an error. */
    public static Solution read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Route> routes = new ArrayList<>();
        Double cost = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            int lineNo = i + 1;
            if (text.isEmpty()) {
                continue;
            }
            Matcher r = ROUTE.matcher(text);
            Matcher c = COST.matcher(text);
            if (r.matches()) {
                if (cost != null) {
                    throw new CvrpFormatException(file, lineNo, "route after the Cost line");
                }
                int number = Integer.parseInt(r.group(1));
                if (number != routes.size() + 1) {
                    throw new CvrpFormatException(file, lineNo, "expected Route #" + (routes.size() + 1) + ", got #" + number);
                }
                String body = r.group(2).strip();
                String[] parts = body.isEmpty() ? new String[0] : body.split("\\s+");
                int[] customers = new int[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    try {
                        customers[k] = Integer.parseInt(parts[k]);
                    } catch (NumberFormatException e) {
                        throw new CvrpFormatException(file, lineNo, "customer must be an integer, got '" + parts[k] + "'");
                    }
                }
                routes.add(Route.of(customers));
            } else if (c.matches()) {
                if (cost != null) {
                    throw new CvrpFormatException(file, lineNo, "Cost given twice");
                }
                try {
                    cost = Double.parseDouble(c.group(1));
                } catch (NumberFormatException e) {
                    throw new CvrpFormatException(file, lineNo, "Cost must be a number, got '" + c.group(1) + "'");
                }
                if (!Double.isFinite(cost)) {
                    throw new CvrpFormatException(file, lineNo, "Cost must be finite, got '" + c.group(1) + "'");
                }
            } else {
                throw new CvrpFormatException(file, lineNo, "expected 'Route #k: ...' or 'Cost x', got '" + text + "'");
            }
        }
        if (cost == null) {
            throw new CvrpFormatException(file, 0, "missing Cost line");
        }
        return new Solution(routes, cost);
    }

    /**
     * Writes {@code solution} atomically. The cost is written as an integer when it is one (EUC_2D,
     * as CVRPLIB does), otherwise with full precision ({@link Double#toString}) so that reading it
     * back gives the same value.
     */
    public static void write(Solution solution, Path file) throws IOException {
        Objects.requireNonNull(solution, "solution");
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(format(solution));
            w.flush();
        });
    }

    /** The text {@link #write} writes. */
    public static String format(Solution solution) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < solution.routes().size(); r++) {
            sb.append("Route #").append(r + 1).append(':');
            for (int c : solution.routes().get(r).customers()) {
                sb.append(' ').append(c);
            }
            sb.append('\n');
        }
        double cost = solution.cost();
        String text = cost == Math.rint(cost) && Math.abs(cost) < 1e15
                ? String.format(Locale.ROOT, "%d", (long) cost) : Double.toString(cost);
        sb.append("Cost ").append(text).append('\n');
        return sb.toString();
    }
}

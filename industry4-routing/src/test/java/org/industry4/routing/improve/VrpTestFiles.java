package org.industry4.routing.improve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.RoutingProblem;

/**
 * Test-only reading of CVRPLIB EUC_2D instances (coordinates, demands, capacity, depot 1) and of
 * BKS.csv, just enough for measurements here; the library's strict reader lives in
 * {@code org.industry4.routing.io}.
 */
final class VrpTestFiles {

    private VrpTestFiles() {
    }

    /** {@code ../shared/data/cvrp} under {@code industry4.shared.dir}, or null when absent. */
    static Path cvrpDir() {
        String shared = System.getProperty("industry4.shared.dir");
        if (shared == null) {
            return null;
        }
        Path dir = Path.of(shared, "data", "cvrp");
        return Files.isDirectory(dir) ? dir : null;
    }

    static RoutingProblem read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int dim = 0;
        int capacity = 0;
        double[] x = null;
        double[] y = null;
        int[] q = null;
        String section = "";
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("DIMENSION")) {
                dim = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                x = new double[dim];
                y = new double[dim];
                q = new int[dim];
            } else if (line.startsWith("CAPACITY")) {
                capacity = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("DISTANCE") || line.startsWith("SERVICE_TIME")
                    || line.startsWith("VEHICLES")) {
                throw new IOException(file + ": route length, service time and fleet are not read here: " + line);
            } else if (line.startsWith("EDGE_WEIGHT_TYPE") && !line.contains("EUC_2D")) {
                throw new IOException(file + ": only EUC_2D in this test reader, got " + line);
            } else if (line.startsWith("NODE_COORD_SECTION") || line.startsWith("DEMAND_SECTION")
                    || line.startsWith("DEPOT_SECTION") || line.startsWith("EOF")) {
                section = line.split("\\s+")[0];
            } else if (Character.isDigit(line.charAt(0)) || line.charAt(0) == '-') {
                String[] f = line.split("\\s+");
                if (section.equals("NODE_COORD_SECTION")) {
                    int i = Integer.parseInt(f[0]) - 1;
                    x[i] = Double.parseDouble(f[1]);
                    y[i] = Double.parseDouble(f[2]);
                } else if (section.equals("DEMAND_SECTION")) {
                    q[Integer.parseInt(f[0]) - 1] = Integer.parseInt(f[1]);
                } else if (section.equals("DEPOT_SECTION") && !f[0].equals("-1") && !f[0].equals("1")) {
                    throw new IOException(file + ": depot must be node 1 in this test reader, got " + f[0]);
                }
            }
        }
        String name = file.getFileName().toString().replace(".vrp", "");
        return RoutingProblem.builder(name).coordinates(x, y).demands(q).capacity(capacity)
                .convention(DistanceConvention.EUC_2D).build();
    }

    /** The best-known cost of {@code instance} from BKS.csv, NaN when not listed. */
    static double bks(Path cvrp, String instance) throws IOException {
        for (String line : Files.readAllLines(cvrp.resolve("BKS.csv"))) {
            String[] f = line.split(",");
            if (f.length > 7 && f[1].equals(instance)) {
                return f[7].isBlank() ? Double.NaN : Double.parseDouble(f[7]);
            }
        }
        return Double.NaN;
    }
}

package org.industry4.routing.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.RoutingProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CVRPLIB instances in TSPLIB format ({@code .vrp}), strictly: every error is a
 * {@link CvrpFormatException} naming the file and the line.
 *
 * <p>Specification keywords: {@code NAME, COMMENT, TYPE} (must be {@code CVRP}; the shared
 * E-n101-k14 is {@code OVRP}, open routes, which our model does not represent, and is rejected), {@code DIMENSION,
 * CAPACITY, VEHICLES, DISTANCE} (maximum route length, which includes service times),
 * {@code SERVICE_TIME} (the same at every customer), {@code EDGE_WEIGHT_TYPE} ({@code EUC_2D},
 * {@code EXACT_2D}, {@code EXPLICIT}), {@code EDGE_WEIGHT_FORMAT} ({@code FULL_MATRIX, LOWER_ROW,
 * LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW}), and the display-only {@code NODE_COORD_TYPE}
 * ({@code TWOD_COORDS}) and {@code DISPLAY_DATA_TYPE}. Sections: {@code NODE_COORD_SECTION,
 * EDGE_WEIGHT_SECTION, DEMAND_SECTION, DEPOT_SECTION} (one depot, ended by {@code -1}), and
 * {@code BACKHAUL_SECTION}, which E-n33-k4 carries although its TYPE is CVRP: it is checked and
 * ignored with a warning. {@code EOF} is optional. Keyword case is significant, spacing around
 * {@code ':'} and trailing spaces or tabs are not. Any other keyword, a missing or duplicated
 * section, a wrong count, a duplicate or out-of-range node or a non-numeric value is an error.
 *
 * <p>Nodes are numbered from 1 in files; the depot becomes our node 0 and the other nodes keep
 * their file order (so with the depot at file node 1, file node {@code k} is our node
 * {@code k - 1}, which is also the customer numbering of CVRPLIB {@code .sol} files). CMT6-10, 13
 * and 14 put the depot last; they are remapped the same way ({@link CvrpInstance#nodeOf}).
 *
 * <p><b>VEHICLES.</b> In the shared CVRPLIB files this is the minimum number of vehicles the
 * instance's authors report, not a fleet limit: the best-known CMT5 solution (1291.29) uses 17
 * routes where the file says 16, and the "k" in X names is likewise a lower bound (X-n101-k25's
 * best-known solution has 26 routes). So by default ({@link Vehicles#RECORD}) the value is kept in
 * {@link CvrpInstance#declaredVehicles()} and the problem's fleet is unlimited;
 * {@link Vehicles#LIMIT} applies it as {@link RoutingProblem#vehicles()}.
 */
public final class CvrpLibReader {

    private static final Logger LOG = LoggerFactory.getLogger(CvrpLibReader.class);
    private static final Pattern SPEC = Pattern.compile("^([A-Z_]+)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern SECTION = Pattern.compile("^([A-Z_]+_SECTION)\\s*:?\\s*$");

    /** How a file's VEHICLES line is treated. */
    public enum Vehicles {
        /** Recorded in {@link CvrpInstance#declaredVehicles()}; the fleet is unlimited (the CVRPLIB benchmark rule). */
        RECORD,
        /** Applied as the fleet limit. */
        LIMIT
    }

    private final Vehicles vehicles;

    /** A reader that records VEHICLES without limiting the fleet. */
    public CvrpLibReader() {
        this(Vehicles.RECORD);
    }

    public CvrpLibReader(Vehicles vehicles) {
        this.vehicles = Objects.requireNonNull(vehicles, "vehicles");
    }

    /** Reads {@code file}. */
    public CvrpInstance read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new Parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)).run();
    }

    /** Reads {@code file} and returns only its problem. */
    public RoutingProblem readProblem(Path file) throws IOException {
        return read(file).problem();
    }

    private record Token(String text, int line) {
    }

    private final class Parse {
        private final Path file;
        private final List<String> lines;
        private final Map<String, Integer> seen = new HashMap<>();
        private String name;
        private String comment = "";
        private String type;
        private int dimension = -1;
        private int capacity = -1;
        private Integer vehicleCount;
        private Double distanceLimit;
        private Double serviceTime;
        private String weightType;
        private String weightFormat;
        private double[] x;
        private double[] y;
        private double[][] matrix;
        private int[] demand;
        private int depot = -1;
        private int matrixLine;

        Parse(Path file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        CvrpFormatException error(int line, String message) {
            return new CvrpFormatException(file, line, message);
        }

        CvrpInstance run() throws CvrpFormatException {
            int i = 0;
            while (i < lines.size()) {
                String raw = lines.get(i);
                int lineNo = i + 1;
                String text = raw.strip();
                i++;
                if (text.isEmpty()) {
                    continue;
                }
                if (text.equals("EOF")) {
                    for (int j = i; j < lines.size(); j++) {
                        if (!lines.get(j).isBlank()) {
                            throw error(j + 1, "text after EOF: '" + lines.get(j).strip() + "'");
                        }
                    }
                    break;
                }
                Matcher sec = SECTION.matcher(text);
                if (sec.matches()) {
                    String section = sec.group(1);
                    once(section, lineNo);
                    List<Token> tokens = new ArrayList<>();
                    while (i < lines.size()) {
                        String t = lines.get(i).strip();
                        if (!t.isEmpty() && Character.isLetter(t.charAt(0))) {
                            break;
                        }
                        for (String s : t.split("\\s+")) {
                            if (!s.isEmpty()) {
                                tokens.add(new Token(s, i + 1));
                            }
                        }
                        i++;
                    }
                    section(section, lineNo, tokens);
                    continue;
                }
                Matcher spec = SPEC.matcher(text);
                if (!spec.matches()) {
                    throw error(lineNo, "expected 'KEYWORD : value', a section or EOF, got '" + text + "'");
                }
                String key = spec.group(1);
                once(key, lineNo);
                spec(key, spec.group(2), lineNo);
            }
            return build();
        }

        void once(String key, int lineNo) throws CvrpFormatException {
            Integer before = seen.putIfAbsent(key, lineNo);
            if (before != null) {
                throw error(lineNo, key + " given twice (first on line " + before + ")");
            }
        }

        void spec(String key, String value, int lineNo) throws CvrpFormatException {
            switch (key) {
                case "NAME" -> name = value;
                case "COMMENT" -> comment = value;
                case "TYPE" -> {
                    if (!value.equals("CVRP")) {
                        throw error(lineNo, "TYPE must be CVRP, got '" + value + "'");
                    }
                    type = value;
                }
                case "DIMENSION" -> {
                    dimension = parseInt(value, key, lineNo);
                    if (dimension < 2) {
                        throw error(lineNo, "DIMENSION must be >= 2 (a depot and a customer), got " + dimension);
                    }
                }
                case "CAPACITY" -> {
                    capacity = parseInt(value, key, lineNo);
                    if (capacity <= 0) {
                        throw error(lineNo, "CAPACITY must be > 0, got " + capacity);
                    }
                }
                case "VEHICLES" -> {
                    vehicleCount = parseInt(value, key, lineNo);
                    if (vehicleCount <= 0) {
                        throw error(lineNo, "VEHICLES must be > 0, got " + vehicleCount);
                    }
                }
                case "DISTANCE" -> {
                    distanceLimit = parseDouble(value, key, lineNo);
                    if (!(distanceLimit > 0)) {
                        throw error(lineNo, "DISTANCE must be > 0, got " + value);
                    }
                }
                case "SERVICE_TIME" -> {
                    serviceTime = parseDouble(value, key, lineNo);
                    if (!(serviceTime >= 0)) {
                        throw error(lineNo, "SERVICE_TIME must be >= 0, got " + value);
                    }
                }
                case "EDGE_WEIGHT_TYPE" -> {
                    if (!List.of("EUC_2D", "EXACT_2D", "EXPLICIT").contains(value)) {
                        throw error(lineNo, "EDGE_WEIGHT_TYPE must be EUC_2D, EXACT_2D or EXPLICIT, got '" + value + "'");
                    }
                    weightType = value;
                }
                case "EDGE_WEIGHT_FORMAT" -> {
                    if (!List.of("FULL_MATRIX", "LOWER_ROW", "LOWER_DIAG_ROW", "UPPER_ROW", "UPPER_DIAG_ROW").contains(value)) {
                        throw error(lineNo, "EDGE_WEIGHT_FORMAT must be FULL_MATRIX, LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW"
                                + " or UPPER_DIAG_ROW, got '" + value + "'");
                    }
                    weightFormat = value;
                }
                case "NODE_COORD_TYPE" -> {
                    if (!value.equals("TWOD_COORDS")) {
                        throw error(lineNo, "NODE_COORD_TYPE must be TWOD_COORDS, got '" + value + "'");
                    }
                }
                case "DISPLAY_DATA_TYPE" -> {
                    if (!List.of("NO_DISPLAY", "COORD_DISPLAY", "TWOD_DISPLAY").contains(value)) {
                        throw error(lineNo, "DISPLAY_DATA_TYPE must be NO_DISPLAY, COORD_DISPLAY or TWOD_DISPLAY, got '"
                                + value + "'");
                    }
                }
                default -> throw error(lineNo, "unknown keyword " + key);
            }
        }

        void needDimension(String section, int lineNo) throws CvrpFormatException {
            if (dimension < 0) {
                throw error(lineNo, section + " before DIMENSION");
            }
        }

        void section(String section, int lineNo, List<Token> t) throws CvrpFormatException {
            switch (section) {
                case "NODE_COORD_SECTION" -> {
                    needDimension(section, lineNo);
                    x = new double[dimension];
                    y = new double[dimension];
                    boolean[] got = new boolean[dimension];
                    groups(section, lineNo, t, 3);
                    for (int k = 0; k < t.size(); k += 3) {
                        int node = node(t.get(k), section, got);
                        x[node - 1] = parseDouble(t.get(k + 1).text(), "x of node " + node, t.get(k + 1).line());
                        y[node - 1] = parseDouble(t.get(k + 2).text(), "y of node " + node, t.get(k + 2).line());
                    }
                }
                case "DEMAND_SECTION" -> {
                    needDimension(section, lineNo);
                    demand = new int[dimension];
                    boolean[] got = new boolean[dimension];
                    groups(section, lineNo, t, 2);
                    for (int k = 0; k < t.size(); k += 2) {
                        int node = node(t.get(k), section, got);
                        demand[node - 1] = parseInt(t.get(k + 1).text(), "demand of node " + node, t.get(k + 1).line());
                        if (demand[node - 1] < 0) {
                            throw error(t.get(k + 1).line(), "demand of node " + node + " must be >= 0, got "
                                    + demand[node - 1]);
                        }
                    }
                }
                case "DEPOT_SECTION" -> {
                    needDimension(section, lineNo);
                    List<Integer> depots = terminated(section, lineNo, t);
                    if (depots.size() != 1) {
                        throw error(lineNo, "DEPOT_SECTION must list exactly one depot (multi-depot is not supported), got "
                                + depots.size());
                    }
                    depot = depots.get(0);
                }
                case "BACKHAUL_SECTION" -> {
                    needDimension(section, lineNo);
                    List<Integer> backhauls = terminated(section, lineNo, t);
                    LOG.warn("{}:{}: BACKHAUL_SECTION with {} nodes ignored: TYPE is CVRP", file, lineNo, backhauls.size());
                }
                case "EDGE_WEIGHT_SECTION" -> {
                    needDimension(section, lineNo);
                    matrixLine = lineNo;
                    matrix = explicit(lineNo, t);
                }
                default -> throw error(lineNo, "unknown section " + section);
            }
        }

        void groups(String section, int lineNo, List<Token> t, int width) throws CvrpFormatException {
            if (t.size() != dimension * width) {
                int last = t.isEmpty() ? lineNo : t.get(t.size() - 1).line();
                throw error(last, section + " must hold " + dimension + " lines of " + width + " values, got "
                        + t.size() + " values");
            }
        }

        int node(Token tok, String section, boolean[] got) throws CvrpFormatException {
            int node = parseInt(tok.text(), "node number", tok.line());
            if (node < 1 || node > dimension) {
                throw error(tok.line(), section + ": node " + node + " outside 1.." + dimension);
            }
            if (got[node - 1]) {
                throw error(tok.line(), section + ": node " + node + " given twice");
            }
            got[node - 1] = true;
            return node;
        }

        List<Integer> terminated(String section, int lineNo, List<Token> t) throws CvrpFormatException {
            List<Integer> out = new ArrayList<>();
            boolean ended = false;
            for (Token tok : t) {
                if (ended) {
                    throw error(tok.line(), section + ": value '" + tok.text() + "' after the closing -1");
                }
                int v = parseInt(tok.text(), section + " node", tok.line());
                if (v == -1) {
                    ended = true;
                    continue;
                }
                if (v < 1 || v > dimension) {
                    throw error(tok.line(), section + ": node " + v + " outside 1.." + dimension);
                }
                out.add(v);
            }
            if (!ended && section.equals("DEPOT_SECTION")) {
                throw error(t.isEmpty() ? lineNo : t.get(t.size() - 1).line(), "DEPOT_SECTION must end with -1");
            }
            return out;
        }

        double[][] explicit(int lineNo, List<Token> t) throws CvrpFormatException {
            if (weightFormat == null) {
                throw error(lineNo, "EDGE_WEIGHT_SECTION without EDGE_WEIGHT_FORMAT");
            }
            int n = dimension;
            int expected = switch (weightFormat) {
                case "FULL_MATRIX" -> n * n;
                case "LOWER_ROW", "UPPER_ROW" -> n * (n - 1) / 2;
                default -> n * (n + 1) / 2;
            };
            if (t.size() != expected) {
                throw error(t.isEmpty() ? lineNo : t.get(t.size() - 1).line(), "EDGE_WEIGHT_SECTION (" + weightFormat
                        + ", DIMENSION " + n + ") must hold " + expected + " values, got " + t.size());
            }
            double[][] m = new double[n][n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int from;
                int to;
                switch (weightFormat) {
                    case "FULL_MATRIX" -> { from = 0; to = n; }
                    case "LOWER_ROW" -> { from = 0; to = i; }
                    case "LOWER_DIAG_ROW" -> { from = 0; to = i + 1; }
                    case "UPPER_ROW" -> { from = i + 1; to = n; }
                    default -> { from = i; to = n; }
                }
                for (int j = from; j < to; j++) {
                    Token tok = t.get(k++);
                    double v = parseDouble(tok.text(), "edge weight " + (i + 1) + "-" + (j + 1), tok.line());
                    if (!(v >= 0)) {
                        throw error(tok.line(), "edge weight " + (i + 1) + "-" + (j + 1) + " must be >= 0, got " + v);
                    }
                    if (i == j && v != 0) {
                        throw error(tok.line(), "edge weight " + (i + 1) + "-" + (i + 1) + " must be 0, got " + v);
                    }
                    m[i][j] = v;
                    if (!weightFormat.equals("FULL_MATRIX")) {
                        m[j][i] = v;
                    }
                }
            }
            return m;
        }

        int parseInt(String s, String what, int lineNo) throws CvrpFormatException {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error(lineNo, what + " must be an integer, got '" + s + "'");
            }
        }

        double parseDouble(String s, String what, int lineNo) throws CvrpFormatException {
            try {
                if (!NUMBER.matcher(s).matches()) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(lineNo, what + " must be a finite number, got '" + s + "'");
            }
        }

        CvrpInstance build() throws CvrpFormatException {
            for (String key : List.of("NAME", "TYPE", "DIMENSION", "CAPACITY", "EDGE_WEIGHT_TYPE", "DEMAND_SECTION",
                    "DEPOT_SECTION")) {
                if (!seen.containsKey(key)) {
                    throw error(0, "missing " + key);
                }
            }
            if (weightType.equals("EXPLICIT")) {
                if (matrix == null) {
                    throw error(0, "missing EDGE_WEIGHT_SECTION (EDGE_WEIGHT_TYPE is EXPLICIT)");
                }
            } else {
                if (x == null) {
                    throw error(0, "missing NODE_COORD_SECTION (EDGE_WEIGHT_TYPE is " + weightType + ")");
                }
                if (matrix != null) {
                    throw error(matrixLine, "EDGE_WEIGHT_SECTION but EDGE_WEIGHT_TYPE is " + weightType);
                }
            }
            int n = dimension;
            int d = depot - 1;
            int[] order = new int[n]; // our node -> file index (0-based)
            order[0] = d;
            for (int f = 0, k = 1; f < n; f++) {
                if (f != d) {
                    order[k++] = f;
                }
            }
            if (demand[d] != 0) {
                throw error(seen.get("DEMAND_SECTION"), "the depot (node " + depot + ") must have demand 0, got " + demand[d]);
            }
            int[] dem = new int[n];
            for (int k = 0; k < n; k++) {
                dem[k] = demand[order[k]];
                if (dem[k] > capacity) {
                    throw error(seen.get("DEMAND_SECTION"), "demand of node " + (order[k] + 1) + " is " + dem[k]
                            + ", above CAPACITY " + capacity);
                }
            }
            RoutingProblem.Builder b = RoutingProblem.builder(name.isBlank() ? file.getFileName().toString() : name)
                    .demands(dem).capacity(capacity);
            if (x != null) {
                double[] px = new double[n];
                double[] py = new double[n];
                for (int k = 0; k < n; k++) {
                    px[k] = x[order[k]];
                    py[k] = y[order[k]];
                }
                b.coordinates(px, py);
            }
            if (matrix != null) {
                double[][] m = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        m[i][j] = matrix[order[i]][order[j]];
                    }
                }
                b.distanceMatrix(m);
            } else {
                b.convention(DistanceConvention.valueOf(weightType));
            }
            if (distanceLimit != null) {
                b.maxRouteLength(distanceLimit);
            }
            if (serviceTime != null) {
                b.serviceTime(serviceTime);
            }
            if (vehicleCount != null && vehicles == Vehicles.LIMIT) {
                b.vehicles(vehicleCount);
            }
            if (depot != 1) {
                LOG.debug("{}: depot is file node {}; remapped to node 0", file, depot);
            }
            try {
                return new CvrpInstance(b.build(), comment,
                        vehicleCount == null ? OptionalInt.empty() : OptionalInt.of(vehicleCount), depot);
            } catch (IllegalArgumentException e) {
                throw error(0, e.getMessage());
            }
        }
    }
}

package org.industry4.routing.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Best-known costs of the shared CVRPLIB instances, read from {@code BKS.csv} (header
 * {@code set,instance,dimension,capacity,edge_weight_type,max_route_distance,service_time,bks,bks_kind,bks_source};
 * quoted fields may hold commas). An instance without a known value has an empty {@code bks}.
 */
public final class BestKnown {

    /** The header {@link #read} expects. */
    public static final List<String> HEADER = List.of("set", "instance", "dimension", "capacity", "edge_weight_type",
            "max_route_distance", "service_time", "bks", "bks_kind", "bks_source");

    /**
     * One row.
     *
     * @param set the collection (Augerat_A, CMT, X, ...)
     * @param instance the instance name, the file name without {@code .vrp}
     * @param dimension nodes, depot included
     * @param capacity vehicle capacity
     * @param edgeWeightType EUC_2D, EXACT_2D or EXPLICIT
     * @param maxRouteDistance the route-length limit, empty when none
     * @param serviceTime the service time, empty when none
     * @param bks the best-known cost, empty when unknown
     * @param kind how the value is known (optimal, best, literature)
     * @param source where it comes from
     */
    public record Entry(String set, String instance, int dimension, int capacity, String edgeWeightType,
                        OptionalDouble maxRouteDistance, OptionalDouble serviceTime, OptionalDouble bks,
                        String kind, String source) {
    }

    private final Map<String, Entry> entries;

    private BestKnown(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads {@code file}; a malformed line is a {@link CvrpFormatException} with its line number. */
    public static BestKnown read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !split(lines.get(0)).equals(HEADER)) {
            throw new CvrpFormatException(file, 1, "expected header " + String.join(",", HEADER));
        }
        Map<String, Entry> map = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = split(lines.get(i));
            int lineNo = i + 1;
            if (f.size() != HEADER.size()) {
                throw new CvrpFormatException(file, lineNo, "expected " + HEADER.size() + " fields, got " + f.size());
            }
            try {
                Entry e = new Entry(f.get(0), f.get(1), Integer.parseInt(f.get(2)), Integer.parseInt(f.get(3)), f.get(4),
                        optional(f.get(5)), optional(f.get(6)), optional(f.get(7)), f.get(8), f.get(9));
                if (map.putIfAbsent(e.instance(), e) != null) {
                    throw new CvrpFormatException(file, lineNo, "instance " + e.instance() + " listed twice");
                }
            } catch (NumberFormatException ex) {
                throw new CvrpFormatException(file, lineNo, "non-numeric value: " + ex.getMessage());
            }
        }
        return new BestKnown(map);
    }

    private static OptionalDouble optional(String s) {
        return s.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s.strip()));
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The row of {@code instance}, when listed. */
    public Optional<Entry> entry(String instance) {
        return Optional.ofNullable(entries.get(instance));
    }

    /** The best-known cost of {@code instance}, empty when not listed or unknown. */
    public OptionalDouble bks(String instance) {
        Entry e = entries.get(instance);
        return e == null ? OptionalDouble.empty() : e.bks();
    }

    /** All rows in file order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}

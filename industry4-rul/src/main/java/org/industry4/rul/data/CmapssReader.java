package org.industry4.rul.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.industry4.core.FeatureSchema;

/**
 * Reads the NASA C-MAPSS turbofan text files (Saxena et al., PHM08).
 *
 * <p>A trajectory file ({@code train_FD00x.txt}, {@code test_FD00x.txt}) has one row per line, 26
 * numbers separated by spaces or tabs: unit id, cycle, three operating settings and 21 sensors.
 * Leading and trailing blanks on a line are ignored, and so are blank lines at the end of the file;
 * everything else is refused with a {@link CmapssFormatException} that names the file and line:
 * a blank line before the last row, a value that is not a plain decimal number (or is not finite), a
 * wrong count, a unit id or cycle that is not a positive integer, a unit whose rows are not one
 * contiguous block, cycles within a unit that are not 1, 2, 3, ...
 *
 * <p>A RUL file ({@code RUL_FD00x.txt}) has one non-negative integer per line, the remaining life of
 * the i-th unit of the matching test file after its last row.
 *
 * <p>The unit id and cycle are not columns: each unit becomes one {@link Trajectory} with
 * {@link #SCHEMA} and asset id {@code "<file stem>/<unit>"}, e.g. {@code "train_FD001/1"}.
 */
public final class CmapssReader {

    /** The three operating-setting columns: {@code setting_1, setting_2, setting_3}. */
    public static final List<String> SETTINGS = List.of("setting_1", "setting_2", "setting_3");

    /** The 24 columns of a C-MAPSS row after unit and cycle: the three settings, then {@code sensor_1 .. sensor_21}. */
    public static final FeatureSchema SCHEMA = schema();

    /** Numbers per line of a trajectory file: unit, cycle and the {@link #SCHEMA} columns. */
    private static final int NUMBERS = 26;

    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private CmapssReader() {
    }

    private static FeatureSchema schema() {
        List<String> names = new ArrayList<>(SETTINGS);
        for (int i = 1; i <= 21; i++) {
            names.add("sensor_" + i);
        }
        return new FeatureSchema(names);
    }

    /**
     * Reads a training file: every unit is run to failure, so every trajectory has {@code rulAtEnd == 0}.
     *
     * @return one trajectory per unit, in file order
     * @throws CmapssFormatException naming file and line when the content is not C-MAPSS
     * @throws IOException           when the file cannot be read
     */
    public static List<Trajectory> readTrain(Path file) throws IOException {
        List<Unit> units = readUnits(file);
        String stem = stem(file);
        List<Trajectory> out = new ArrayList<>(units.size());
        for (Unit u : units) {
            out.add(u.toTrajectory(stem, 0));
        }
        return List.copyOf(out);
    }

    /**
     * Reads a test file and its RUL file: the i-th value of {@code rulFile} is the remaining life after
     * the last row of the i-th unit in {@code testFile} (NASA's files list units 1..N in order).
     *
     * @return one trajectory per unit, in file order, with {@code rulAtEnd} from the RUL file
     * @throws CmapssFormatException naming file and line for bad content, or naming both files and
     *                               both counts when the RUL file has not one value per test unit
     * @throws IOException           when a file cannot be read
     */
    public static List<Trajectory> readTest(Path testFile, Path rulFile) throws IOException {
        List<Unit> units = readUnits(testFile);
        int[] rul = readRul(rulFile);
        if (rul.length != units.size()) {
            throw new CmapssFormatException(name(rulFile), 0, "has " + rul.length + " RUL values but "
                    + name(testFile) + " has " + units.size() + " units");
        }
        String stem = stem(testFile);
        List<Trajectory> out = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            out.add(units.get(i).toTrajectory(stem, rul[i]));
        }
        return List.copyOf(out);
    }

    /**
     * Reads a RUL file: one non-negative integer per line, blanks around it allowed, blank lines only
     * at the end.
     *
     * @return the values in file order, at least one
     * @throws CmapssFormatException naming file and line for anything else
     * @throws IOException           when the file cannot be read
     */
    public static int[] readRul(Path rulFile) throws IOException {
        String name = name(rulFile);
        List<String> lines = dataLines(rulFile, name);
        int[] out = new int[lines.size()];
        for (int i = 0; i < out.length; i++) {
            String text = lines.get(i).strip();
            if (!INTEGER.matcher(text).matches()) {
                throw new CmapssFormatException(name, i + 1, "expected one non-negative integer, got \"" + text + "\"");
            }
            try {
                out[i] = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new CmapssFormatException(name, i + 1, "RUL value out of range: " + text);
            }
        }
        return out;
    }

    /** The lines up to the last non-blank one; a blank line before it is an error; no line at all is an error. */
    private static List<String> dataLines(Path file, String name) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (last < 0) {
            throw new CmapssFormatException(name, 0, "has no data lines");
        }
        for (int i = 0; i < last; i++) {
            if (lines.get(i).isBlank()) {
                throw new CmapssFormatException(name, i + 1, "blank line before the last data line");
            }
        }
        return lines.subList(0, last + 1);
    }

    private static List<Unit> readUnits(Path file) throws IOException {
        String name = name(file);
        List<String> lines = dataLines(file, name);
        List<Unit> units = new ArrayList<>();
        Map<Integer, Integer> firstLine = new HashMap<>();
        Unit current = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String[] tokens = BLANKS.split(lines.get(i).strip());
            if (tokens.length != NUMBERS) {
                throw new CmapssFormatException(name, lineNo, "expected " + NUMBERS + " numbers, got " + tokens.length);
            }
            int unit = positiveInt(tokens[0], "unit id", name, lineNo);
            int cycle = positiveInt(tokens[1], "cycle", name, lineNo);
            double[] row = new double[NUMBERS - 2];
            for (int j = 2; j < NUMBERS; j++) {
                row[j - 2] = number(tokens[j], SCHEMA.names().get(j - 2), name, lineNo);
            }
            if (current == null || current.id != unit) {
                Integer seen = firstLine.putIfAbsent(unit, lineNo);
                if (seen != null) {
                    throw new CmapssFormatException(name, lineNo, "unit " + unit + " appears again (first block starts at line "
                            + seen + "); a unit's rows must be one contiguous block");
                }
                if (cycle != 1) {
                    throw new CmapssFormatException(name, lineNo, "unit " + unit + " starts at cycle " + cycle + ", expected 1");
                }
                current = new Unit(unit);
                units.add(current);
            } else if (cycle != current.rows.size() + 1) {
                throw new CmapssFormatException(name, lineNo, "unit " + unit + ": expected cycle "
                        + (current.rows.size() + 1) + ", got " + cycle);
            }
            current.rows.add(row);
        }
        return units;
    }

    private static int positiveInt(String token, String what, String file, int line) throws CmapssFormatException {
        if (INTEGER.matcher(token).matches()) {
            try {
                int v = Integer.parseInt(token);
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new CmapssFormatException(file, line, what + " must be a positive integer, got \"" + token + "\"");
    }

    private static double number(String token, String column, String file, int line) throws CmapssFormatException {
        if (!DECIMAL.matcher(token).matches()) {
            throw new CmapssFormatException(file, line, column + " is not a number: \"" + token + "\"");
        }
        double v = Double.parseDouble(token);
        if (!Double.isFinite(v)) {
            throw new CmapssFormatException(file, line, column + " is not finite: \"" + token + "\"");
        }
        return v;
    }

    private static String name(Path file) {
        Objects.requireNonNull(file, "file");
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    /** The file name without its last extension: {@code train_FD001.txt -> train_FD001}. */
    private static String stem(Path file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static final class Unit {
        final int id;
        final List<double[]> rows = new ArrayList<>();

        Unit(int id) {
            this.id = id;
        }

        Trajectory toTrajectory(String stem, int rulAtEnd) {
            return new Trajectory(stem + "/" + id, SCHEMA, rows.toArray(new double[0][]), rulAtEnd);
        }
    }
}

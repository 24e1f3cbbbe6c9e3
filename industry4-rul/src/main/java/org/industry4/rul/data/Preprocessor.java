package org.industry4.rul.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelFormatException;

/**
 * Turns raw rows into model inputs with statistics fitted on training trajectories only (see
 * {@link PreprocessOptions} for the rules). Immutable and thread-safe.
 *
 * <p>Output column {@code i} of a row in condition {@code c} is {@code (x - centre[c][i]) *
 * scale[c][i]}: for {@link PreprocessOptions.Scaling#MIN_MAX} the centre is the training
 * {@code (min + max) / 2} and the scale {@code 2 / (max - min)}, so the training range maps to
 * [-1, 1]; for {@link PreprocessOptions.Scaling#Z_SCORE} the centre is the mean and the scale
 * {@code 1 / std} (population standard deviation). A column that is constant in the training rows of
 * a condition has scale 0 there: it maps to 0 in that condition. Values outside the training range
 * map outside [-1, 1]; nothing is refitted.
 *
 * <p>The condition of a row is the k-means centre nearest to its setting values z-scored with the
 * training mean and standard deviation of each setting (a constant setting z-scores to 0); with one
 * condition it is always 0 and the settings are not read.
 */
public final class Preprocessor {

    private static final int MAGIC = 0x52554C50; // "RULP"
    private static final int VERSION = 1;
    private static final int MAX_COUNT = 1 << 20;

    private final PreprocessOptions options;
    private final FeatureSchema input;
    private final FeatureSchema output;
    private final int[] kept;       // input index of each output column
    private final int[] settings;   // input index of each setting column
    private final int conditions;
    private final double[] settingMean;
    private final double[] settingScale; // 1 / std, 0 for a constant setting
    private final double[] centres;      // conditions x settings, in z-space
    private final double[] centre;       // conditions x outputs
    private final double[] scale;        // conditions x outputs

    private Preprocessor(PreprocessOptions options, FeatureSchema input, int[] kept, double[] settingMean,
                         double[] settingScale, double[] centres, double[] centre, double[] scale) {
        this.options = options;
        this.input = input;
        this.kept = kept;
        this.settings = settingIndices(input, options);
        this.conditions = options.conditions();
        List<String> names = new ArrayList<>(kept.length);
        Set<Integer> settingSet = new HashSet<>();
        for (int s : settings) {
            settingSet.add(s);
        }
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] < 0 || kept[i] >= input.size() || (i > 0 && kept[i] <= kept[i - 1])
                    || settingSet.contains(kept[i])) {
                throw new IllegalArgumentException("kept column index " + kept[i] + " at " + i
                        + " is out of order, out of range or a setting");
            }
            names.add(input.names().get(kept[i]));
        }
        this.output = new FeatureSchema(names);
        int s = settings.length;
        int k = conditions;
        requireLength(settingMean, s, "setting means");
        requireLength(settingScale, s, "setting scales");
        requireLength(centres, k > 1 ? k * s : 0, "condition centres");
        requireLength(centre, k * kept.length, "column centres");
        requireLength(scale, k * kept.length, "column scales");
        requireFinite(settingMean, "setting mean");
        requireFinite(centres, "condition centre");
        requireFinite(centre, "column centre");
        for (double v : settingScale) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("setting scale must be finite and >= 0, got " + v);
            }
        }
        for (double v : scale) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("column scale must be finite and >= 0, got " + v);
            }
        }
        this.settingMean = settingMean;
        this.settingScale = settingScale;
        this.centres = centres;
        this.centre = centre;
        this.scale = scale;
    }

    /**
     * Fits on {@code training} only.
     *
     * @throws IllegalArgumentException for an empty list, trajectories with differing schemas, setting
     *                                  columns the schema lacks, {@code conditions > 1} without
     *                                  settings or with fewer distinct setting points than conditions,
     *                                  a condition with fewer than 2 training rows, or no column left
     */
    public static Preprocessor fit(List<Trajectory> training, PreprocessOptions options) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(options, "options");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training trajectories are empty");
        }
        Trajectory first = training.get(0);
        FeatureSchema schema = first.schema();
        int n = 0;
        for (Trajectory t : training) {
            if (!t.schema().equals(schema)) {
                throw new IllegalArgumentException("trajectory " + t.assetId() + " has schema " + t.schema().names()
                        + ", trajectory " + first.assetId() + " has " + schema.names());
            }
            n += t.cycles();
        }
        int[] settings = settingIndices(schema, options);
        int k = options.conditions();
        if (k > 1 && settings.length == 0) {
            throw new IllegalArgumentException("conditions = " + k + " needs setting columns, got none");
        }
        double[][] rows = new double[n][];
        int r = 0;
        for (Trajectory t : training) {
            for (int i = 0; i < t.cycles(); i++) {
                rows[r++] = t.row(i);
            }
        }
        int[] kept = keptColumns(schema, settings, rows, options.minDistinctValues());
        int s = settings.length;
        double[] settingMean = new double[s];
        double[] settingScale = new double[s];
        for (int j = 0; j < s; j++) {
            double[] stats = stats(rows, settings[j], null, 0, PreprocessOptions.Scaling.Z_SCORE);
            settingMean[j] = stats[0];
            settingScale[j] = stats[1];
        }
        int[] condition = new int[n];
        double[] centres = new double[0];
        if (k > 1) {
            double[] z = new double[n * s];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    z[i * s + j] = (rows[i][settings[j]] - settingMean[j]) * settingScale[j];
                }
            }
            centres = KMeans.fit(z, n, s, k, new SplittableRandom(options.seed()));
            for (int i = 0; i < n; i++) {
                condition[i] = KMeans.nearest(centres, k, s, z, i * s);
            }
        }
        int[] counts = new int[k];
        for (int c : condition) {
            counts[c]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 2) {
                throw new IllegalArgumentException("condition " + c + " has " + counts[c]
                        + " training rows, need at least 2");
            }
        }
        int m = kept.length;
        double[] centre = new double[k * m];
        double[] scale = new double[k * m];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < m; i++) {
                double[] stats = stats(rows, kept[i], condition, c, options.scaling());
                centre[c * m + i] = stats[0];
                scale[c * m + i] = stats[1];
            }
        }
        return new Preprocessor(options, schema, kept, settingMean, settingScale, centres, centre, scale);
    }

    private static int[] settingIndices(FeatureSchema schema, PreprocessOptions options) {
        int[] out = new int[options.settingColumns().size()];
        for (int j = 0; j < out.length; j++) {
            String name = options.settingColumns().get(j);
            out[j] = schema.indexOf(name);
            if (out[j] < 0) {
                throw new IllegalArgumentException("setting column " + name + " is not in the schema " + schema.names());
            }
        }
        return out;
    }

    private static int[] keptColumns(FeatureSchema schema, int[] settings, double[][] rows, int minDistinct) {
        Set<Integer> settingSet = new HashSet<>();
        for (int s : settings) {
            settingSet.add(s);
        }
        int[] kept = new int[schema.size()];
        int m = 0;
        for (int col = 0; col < schema.size(); col++) {
            if (settingSet.contains(col)) {
                continue;
            }
            Set<Double> distinct = new HashSet<>();
            for (int i = 0; i < rows.length && distinct.size() < minDistinct; i++) {
                distinct.add(rows[i][col] == 0 ? 0.0 : rows[i][col]); // -0.0 and 0.0 are one value
            }
            if (distinct.size() >= minDistinct) {
                kept[m++] = col;
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("no non-setting column of " + schema.names() + " has at least "
                    + minDistinct + " distinct training values");
        }
        return java.util.Arrays.copyOf(kept, m);
    }

    /** {centre, scale} of column {@code col} over the rows whose condition is {@code c} (all rows when {@code condition} is null). */
    private static double[] stats(double[][] rows, int col, int[] condition, int c, PreprocessOptions.Scaling scaling) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < rows.length; i++) {
            if (condition == null || condition[i] == c) {
                double v = rows[i][col];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                count++;
            }
        }
        if (min == max) {
            return new double[] {min, 0};
        }
        if (scaling == PreprocessOptions.Scaling.MIN_MAX) {
            return new double[] {min + (max - min) / 2, 2 / (max - min)};
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < rows.length; i++) {
            if (condition == null || condition[i] == c) {
                double diff = rows[i][col] - mean;
                squares += diff * diff;
            }
        }
        return new double[] {mean, 1 / Math.sqrt(squares / count)};
    }

    /** The schema of the trajectories and rows this preprocessor takes. */
    public FeatureSchema inputSchema() {
        return input;
    }

    /** The kept columns, in input order: the schema of the transformed rows. */
    public FeatureSchema outputSchema() {
        return output;
    }

    /** The options it was fitted with. */
    public PreprocessOptions options() {
        return options;
    }

    /** The number of operating conditions. */
    public int conditions() {
        return conditions;
    }

    /**
     * The operating condition of a raw row: the nearest centre to its z-scored settings, 0 with one condition.
     *
     * @throws IllegalArgumentException when the row does not fit {@link #inputSchema()} or a setting is not finite
     */
    public int condition(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != input.size()) {
            throw new IllegalArgumentException("expected a row of " + input.size() + " values, got " + row.length);
        }
        if (conditions == 1) {
            return 0;
        }
        int s = settings.length;
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < conditions; c++) {
            double dist = 0;
            for (int j = 0; j < s; j++) {
                double x = row[settings[j]];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException(input.names().get(settings[j]) + " is not finite: " + x);
                }
                double diff = (x - settingMean[j]) * settingScale[j] - centres[c * s + j];
                dist += diff * diff;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }

    /**
     * Transforms one raw row into {@code out} without allocating.
     *
     * @param row a row of {@link #inputSchema()}, every value finite (dropped columns included)
     * @param out receives {@link #outputSchema()} values
     * @throws IllegalArgumentException for a wrong length or a non-finite value, naming the column
     */
    public void transform(double[] row, double[] out) {
        Objects.requireNonNull(out, "out");
        if (out.length != kept.length) {
            throw new IllegalArgumentException("expected an output of " + kept.length + " values, got " + out.length);
        }
        Objects.requireNonNull(row, "row");
        if (row.length != input.size()) {
            throw new IllegalArgumentException("expected a row of " + input.size() + " values, got " + row.length);
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(input.names().get(j) + " is not finite: " + row[j]);
            }
        }
        int base = condition(row) * kept.length;
        for (int i = 0; i < kept.length; i++) {
            out[i] = (row[kept[i]] - centre[base + i]) * scale[base + i];
        }
    }

    /**
     * Transforms every row of a trajectory.
     *
     * @return {@code [cycle][outputColumn]}
     * @throws IllegalArgumentException when the trajectory's schema is not {@link #inputSchema()}, naming both
     */
    public double[][] transform(Trajectory t) {
        Objects.requireNonNull(t, "trajectory");
        if (!t.schema().equals(input)) {
            throw new IllegalArgumentException("trajectory " + t.assetId() + " has schema " + t.schema().names()
                    + ", the preprocessor expects " + input.names());
        }
        double[][] out = new double[t.cycles()][kept.length];
        for (int i = 0; i < out.length; i++) {
            transform(t.row(i), out[i]);
        }
        return out;
    }

    /**
     * Writes this preprocessor. Byte layout ({@link DataOutputStream} encodings, big-endian):
     * <pre>
     * int    magic 0x52554C50 ("RULP"), int version 1
     * byte   scaling (0 MIN_MAX, 1 Z_SCORE), int minDistinctValues, int conditions k, long seed
     * int    s, then s UTF strings: setting column names
     * int    n, then n UTF strings: input schema names
     * int    m, then m ints: input index of each kept column, strictly increasing
     * s      doubles: setting means; s doubles: setting scales (1 / std, 0 if constant)
     * k*s    doubles: condition centres in z-space, row-major (only when k &gt; 1)
     * k*m    doubles: column centres, row-major by condition; k*m doubles: column scales
     * </pre>
     */
    public void writePayload(DataOutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeByte(options.scaling().ordinal());
        out.writeInt(options.minDistinctValues());
        out.writeInt(options.conditions());
        out.writeLong(options.seed());
        out.writeInt(options.settingColumns().size());
        for (String name : options.settingColumns()) {
            out.writeUTF(name);
        }
        out.writeInt(input.size());
        for (String name : input.names()) {
            out.writeUTF(name);
        }
        out.writeInt(kept.length);
        for (int i : kept) {
            out.writeInt(i);
        }
        writeDoubles(out, settingMean);
        writeDoubles(out, settingScale);
        writeDoubles(out, centres);
        writeDoubles(out, centre);
        writeDoubles(out, scale);
    }

    /**
     * Reads what {@link #writePayload} wrote, and nothing after it.
     *
     * @param source names the input in error messages (a file name)
     * @throws ModelFormatException naming {@code source} when the bytes are truncated, not a
     *                              preprocessor of a known version, or inconsistent
     */
    public static Preprocessor readPayload(DataInputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new ModelFormatException(source + ": not a preprocessor payload (magic 0x"
                        + Integer.toHexString(magic) + ")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new ModelFormatException(source + ": unsupported preprocessor payload version " + version);
            }
            int scalingCode = in.readUnsignedByte();
            PreprocessOptions.Scaling[] scalings = PreprocessOptions.Scaling.values();
            if (scalingCode >= scalings.length) {
                throw new ModelFormatException(source + ": unknown scaling code " + scalingCode);
            }
            int minDistinct = in.readInt();
            int k = in.readInt();
            long seed = in.readLong();
            List<String> settingNames = readNames(in, source, "setting column");
            List<String> inputNames = readNames(in, source, "input column");
            int m = count(in, source, "kept column");
            int[] kept = new int[m];
            for (int i = 0; i < m; i++) {
                kept[i] = in.readInt();
            }
            PreprocessOptions options = new PreprocessOptions(scalings[scalingCode], minDistinct, settingNames, k, seed);
            if ((long) k * Math.max(m, settingNames.size()) > MAX_COUNT) {
                throw new ModelFormatException(source + ": implausible condition count " + k);
            }
            int s = settingNames.size();
            double[] settingMean = readDoubles(in, s);
            double[] settingScale = readDoubles(in, s);
            double[] centres = readDoubles(in, k > 1 ? k * s : 0);
            double[] centre = readDoubles(in, k * m);
            double[] scale = readDoubles(in, k * m);
            return new Preprocessor(options, new FeatureSchema(inputNames), kept, settingMean, settingScale, centres,
                    centre, scale);
        } catch (EOFException e) {
            throw new ModelFormatException(source + ": truncated preprocessor payload", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": invalid preprocessor payload: " + e.getMessage(), e);
        } catch (java.io.UTFDataFormatException e) {
            throw new ModelFormatException(source + ": malformed column name in preprocessor payload", e);
        }
    }

    private static int count(DataInputStream in, String source, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new ModelFormatException(source + ": implausible " + what + " count " + n);
        }
        return n;
    }

    private static List<String> readNames(DataInputStream in, String source, String what) throws IOException {
        int n = count(in, source, what);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void requireLength(double[] values, int length, String what) {
        if (values.length != length) {
            throw new IllegalArgumentException("expected " + length + " " + what + ", got " + values.length);
        }
    }

    private static void requireFinite(double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " is not finite: " + v);
            }
        }
    }

    @Override
    public String toString() {
        return "Preprocessor[" + input.size() + " -> " + output.size() + " columns, " + options.scaling() + ", "
                + conditions + " condition" + (conditions == 1 ? "" : "s") + "]";
    }
}

package org.industry4.anomaly.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.industry4.core.FeatureSchema;

class ScalerProperties {

    /** Training data: 2 to 40 rows of 1 to 4 columns; each column has distinct values, so neither scaler refuses it. */
    @Provide
    Arbitrary<double[][]> trainingData() {
        return Arbitraries.integers().between(2, 40).flatMap(n ->
                Arbitraries.integers().between(1, 4).flatMap(d -> column(n).list().ofSize(d).map(ScalerProperties::rows)));
    }

    @Provide
    Arbitrary<Scaler> scalers() {
        return Combinators.combine(trainingData(), Arbitraries.of(true, false))
                .as((rows, robust) -> robust ? RobustScaler.fit(rows, schema(rows)) : StandardScaler.fit(rows, schema(rows)));
    }

    private static Arbitrary<double[]> column(int n) {
        Arbitrary<Double> offset = Arbitraries.doubles().between(-1e6, 1e6);
        Arbitrary<Double> spread = Arbitraries.doubles().between(1e-3, 1e3).ofScale(4);
        Arbitrary<double[]> unit = Arbitraries.doubles().between(-1, 1).ofScale(6).array(double[].class).ofSize(n);
        return Combinators.combine(offset, spread, unit)
                .as((o, s, u) -> Arrays.stream(u).map(v -> o + s * v).toArray())
                .filter(c -> Arrays.stream(c).distinct().count() == n);
    }

    private static double[][] rows(List<double[]> columns) {
        int n = columns.get(0).length;
        double[][] rows = new double[n][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            for (int r = 0; r < n; r++) {
                rows[r][j] = columns.get(j)[r];
            }
        }
        return rows;
    }

    private static FeatureSchema schema(double[][] rows) {
        return new FeatureSchema(IntStream.range(0, rows[0].length).mapToObj(i -> "x" + i).toList());
    }

    private static double[] column(double[][] rows, int j) {
        return Arrays.stream(rows).mapToDouble(r -> r[j]).toArray();
    }

    /** The rounding error one may expect of a scaled column: relative to its magnitude over its scale. */
    private static double tolerance(double[] x, double scale) {
        double maxAbs = Arrays.stream(x).map(Math::abs).max().orElse(0);
        return 1e-11 * (1 + maxAbs / scale);
    }

    @Property(tries = 300)
    void standardisedTrainingColumnsHaveMeanZeroAndStandardDeviationOne(@ForAll("trainingData") double[][] rows) {
        StandardScaler scaler = StandardScaler.fit(rows, schema(rows));
        double[][] z = scaler.transformAll(rows);
        for (int j = 0; j < rows[0].length; j++) {
            double[] col = column(z, j);
            double mean = Arrays.stream(col).sum() / col.length;
            double variance = Arrays.stream(col).map(v -> (v - mean) * (v - mean)).sum() / col.length;
            double tol = tolerance(column(rows, j), scaler.scale()[j]);
            assertEquals(0, mean, tol, "mean of column " + j);
            assertEquals(1, Math.sqrt(variance), tol, "population standard deviation of column " + j);
        }
    }

    @Property(tries = 300)
    void robustlyScaledTrainingColumnsHaveMedianZeroAndInterquartileRangeOne(@ForAll("trainingData") double[][] rows) {
        RobustScaler scaler = RobustScaler.fit(rows, schema(rows));
        double[][] z = scaler.transformAll(rows);
        for (int j = 0; j < rows[0].length; j++) {
            double[] col = column(z, j);
            Arrays.sort(col);
            double tol = tolerance(column(rows, j), scaler.scale()[j]);
            assertEquals(0, RobustScaler.quantile(col, 0.5), tol, "median of column " + j);
            assertEquals(1, RobustScaler.quantile(col, 0.75) - RobustScaler.quantile(col, 0.25), tol,
                    "interquartile range of column " + j);
        }
    }

    @Property(tries = 300)
    void inverseUndoesTransform(@ForAll("scalers") Scaler scaler,
                                @ForAll("points") double[] point) {
        double[] x = Arrays.copyOf(point, scaler.schema().size());
        double[] back = scaler.inverse(scaler.transform(x));
        double[] center = scaler.center();
        for (int i = 0; i < x.length; i++) {
            double tol = 1e-9 * Math.max(Double.MIN_NORMAL, Math.max(Math.abs(x[i]), Math.abs(center[i])));
            assertEquals(x[i], back[i], tol, "feature " + i);
        }
    }

    @Provide
    Arbitrary<double[]> points() {
        return Arbitraries.doubles().between(-1e7, 1e7).array(double[].class).ofSize(4);
    }

    @Property(tries = 300)
    void allocationFreeAndInPlaceTransformsEqualTheAllocatingOne(@ForAll("scalers") Scaler scaler,
                                                                @ForAll("points") double[] point) {
        double[] x = Arrays.copyOf(point, scaler.schema().size());
        double[] expected = scaler.transform(x);
        double[] out = new double[x.length];
        scaler.transform(x, out);
        assertArrayEquals(expected, out, 0);
        double[] inPlace = x.clone();
        scaler.transform(inPlace, inPlace);
        assertArrayEquals(expected, inPlace, 0);
        assertArrayEquals(expected, scaler.transformAll(new double[][] {x})[0], 0);
    }

    /**
     * Adding one value to the training data, however large, moves the median and each quartile of
     * a column by at most two order statistics of the original data (type-7 quantiles, n >= 8).
     */
    @Property(tries = 300)
    void oneAddedValueMovesTheRobustScalerByAtMostTwoOrderStatistics(
            @ForAll("trainingData") double[][] rows,
            @ForAll("outliers") double outlier) {
        net.jqwik.api.Assume.that(rows.length >= 8);
        FeatureSchema schema = schema(rows);
        double[][] more = Arrays.copyOf(rows, rows.length + 1);
        more[rows.length] = new double[rows[0].length];
        Arrays.fill(more[rows.length], outlier);
        RobustScaler before = RobustScaler.fit(rows, schema);
        RobustScaler after = RobustScaler.fit(more, schema);
        int n = rows.length;
        for (int j = 0; j < rows[0].length; j++) {
            double[] sorted = column(rows, j);
            Arrays.sort(sorted);
            double[] median = bounds(sorted, 0.5);
            double[] q25 = bounds(sorted, 0.25);
            double[] q75 = bounds(sorted, 0.75);
            double c = after.center()[j];
            double s = after.scale()[j];
            assertTrue(median[0] <= c && c <= median[1], "median " + c + " outside " + Arrays.toString(median));
            assertTrue(q75[0] - q25[1] <= s && s <= q75[1] - q25[0],
                    "IQR " + s + " outside [" + (q75[0] - q25[1]) + ", " + (q75[1] - q25[0]) + "], n = " + n);
            assertTrue(before.center()[j] >= median[0] && before.center()[j] <= median[1]);
        }
    }

    /** [x(floor(h) - 1), x(floor(h) + 2)] for h = (n - 1) p, clamped to the sample. */
    private static double[] bounds(double[] sorted, double p) {
        int fl = (int) Math.floor((sorted.length - 1) * p);
        return new double[] {sorted[Math.max(0, fl - 1)], sorted[Math.min(sorted.length - 1, fl + 2)]};
    }

    @Provide
    Arbitrary<Double> outliers() {
        return Arbitraries.oneOf(Arbitraries.of(1e12, -1e12, 1e300, -1e300), Arbitraries.doubles().between(-1e7, 1e7));
    }

    @Property(tries = 200)
    void anEmbeddedPayloadReadsBackAsTheSameScaler(@ForAll("scalers") Scaler scaler) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(42);
        ScalerFile.writePayload(scaler, out);
        out.writeInt(-7);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(42, in.readInt());
        Scaler read = ScalerFile.readPayload(in, scaler.schema());
        assertEquals(-7, in.readInt(), "readPayload must stop right after the scaler");
        assertEquals(scaler, read);
        assertEquals(scaler.getClass(), read.getClass());
        assertArrayEquals(scaler.center(), read.center(), 0);
        assertArrayEquals(scaler.scale(), read.scale(), 0);
    }

    @Property(tries = 100)
    void anEnvelopeReadsBackAsTheSameScaler(@ForAll("scalers") Scaler scaler) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScalerFile.toEnvelope(scaler).writeTo(bytes);
        Scaler read = ScalerFile.fromEnvelope(
                org.industry4.core.ModelEnvelope.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "mem"), "mem");
        assertEquals(scaler, read);
    }
}

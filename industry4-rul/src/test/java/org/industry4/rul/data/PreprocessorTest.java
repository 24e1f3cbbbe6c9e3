package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelFormatException;
import org.industry4.rul.data.PreprocessOptions.Scaling;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    static final FeatureSchema SMALL = FeatureSchema.of("op", "a", "b", "flag");
    static final PreprocessOptions SMALL_OPTIONS = new PreprocessOptions(Scaling.MIN_MAX, 3, List.of("op"), 1, 1);

    static Trajectory small(String id, double[]... rows) {
        return new Trajectory(id, SMALL, rows, 0);
    }

    static byte[] payload(Preprocessor p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.writePayload(out);
        }
        return bytes.toByteArray();
    }

    static Preprocessor read(byte[] bytes) throws IOException {
        return Preprocessor.readPayload(new DataInputStream(new ByteArrayInputStream(bytes)), "model.rul");
    }

    private final Trajectory train = small("train/1",
            new double[] {0, 0, 10, 1}, new double[] {0, 5, 20, 0}, new double[] {0, 10, 30, 1}, new double[] {0, 2, 15, 1});

    @Test
    void dropsSettingsAndColumnsWithTooFewDistinctValuesKeepingInputOrder() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        assertEquals(SMALL, p.inputSchema());
        assertEquals(FeatureSchema.of("a", "b"), p.outputSchema());
        assertEquals(1, p.conditions());
        assertEquals(SMALL_OPTIONS, p.options());
        Preprocessor two = Preprocessor.fit(List.of(train), SMALL_OPTIONS.withMinDistinctValues(2));
        assertEquals(FeatureSchema.of("a", "b", "flag"), two.outputSchema());
    }

    @Test
    void minMaxMapsTheTrainingRangeToMinusOneOne() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        double[][] out = p.transform(train);
        assertArrayEquals(new double[] {-1, -1}, out[0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, out[1], 1e-12);
        assertArrayEquals(new double[] {1, 1}, out[2], 1e-12);
        assertArrayEquals(new double[] {-0.6, -0.5}, out[3], 1e-12);
    }

    @Test
    void zScoreGivesMeanZeroAndPopulationStdOne() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS.withScaling(Scaling.Z_SCORE));
        double[][] out = p.transform(train);
        for (int col = 0; col < 2; col++) {
            double sum = 0;
            double squares = 0;
            for (double[] row : out) {
                sum += row[col];
                squares += row[col] * row[col];
            }
            assertEquals(0, sum / out.length, 1e-12);
            assertEquals(1, squares / out.length, 1e-12);
        }
    }

    @Test
    void usesTrainingStatisticsOnlyAndNeverRefits() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        Trajectory test = small("test/1", new double[] {0, 20, 5, 0}, new double[] {0, -10, 40, 0});
        double[][] out = p.transform(test);
        assertArrayEquals(new double[] {3, -1.5}, out[0], 1e-12);
        assertArrayEquals(new double[] {-3, 2}, out[1], 1e-12);
        assertArrayEquals(new double[] {-1, -1}, p.transform(train)[0], 1e-12);
    }

    @Test
    void aColumnConstantInTheTrainingDataMapsToZero() {
        Trajectory t = small("t/1", new double[] {0, 1, 7, 0}, new double[] {0, 2, 7, 0}, new double[] {0, 3, 7, 0});
        for (Scaling s : Scaling.values()) {
            Preprocessor p = Preprocessor.fit(List.of(t), SMALL_OPTIONS.withMinDistinctValues(1).withScaling(s));
            double[] out = new double[3];
            p.transform(new double[] {0, 2, 123, 5}, out);
            assertEquals(0, out[0], 1e-12, "a at its training middle with " + s);
            assertEquals(0, out[1], "constant b maps to 0 with " + s);
            assertEquals(0, out[2], "constant flag maps to 0 with " + s);
        }
    }

    @Test
    void fd001DropsSixConstantSensorsAndTwoValuedSensor6Keeping14() throws IOException {
        Path file = CmapssReaderTest.sharedTrainFd001();
        Assumptions.assumeTrue(Files.exists(file), "C-MAPSS train_FD001.txt absent: " + file);
        List<Trajectory> engines = CmapssReader.readTrain(file);
        Preprocessor p = Preprocessor.fit(engines, new PreprocessOptions());
        assertEquals(List.of("sensor_2", "sensor_3", "sensor_4", "sensor_7", "sensor_8", "sensor_9", "sensor_11",
                "sensor_12", "sensor_13", "sensor_14", "sensor_15", "sensor_17", "sensor_20", "sensor_21"),
                p.outputSchema().names());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Trajectory t : engines) {
            for (double[] row : p.transform(t)) {
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        assertEquals(-1, min, 1e-12);
        assertEquals(1, max, 1e-12);
    }

    @Test
    void clustersThreeOperatingConditionsAndScalingPerConditionRemovesTheirOffsets() {
        List<Trajectory> engines = SyntheticEngines.generate(20, 3, 11);
        Preprocessor p = Preprocessor.fit(engines, new PreprocessOptions().withConditions(3));
        assertEquals(3, p.conditions());
        assertEquals(List.of("sensor_1", "sensor_2", "sensor_3", "sensor_4", "sensor_5", "sensor_8"),
                p.outputSchema().names());
        double[][] meanPerCondition = new double[3][5];
        double[][] meanUnscaled = new double[3][5];
        int[] counts = new int[3];
        Preprocessor single = Preprocessor.fit(engines, new PreprocessOptions());
        double[] out = new double[6];
        double[] outSingle = new double[6];
        for (Trajectory t : engines) {
            for (int i = 0; i < t.cycles(); i++) {
                double[] row = t.row(i);
                int truth = (int) Math.round(row[0] / 10); // setting_1 = 10 c + noise
                int c = p.condition(row);
                assertEquals(truth, c, "condition of " + t.assetId() + " row " + i); // centres sorted by setting_1
                p.transform(row, out);
                single.transform(row, outSingle);
                counts[c]++;
                for (int j = 0; j < 5; j++) {
                    meanPerCondition[c][j] += out[j];
                    meanUnscaled[c][j] += outSingle[j];
                }
            }
        }
        for (int j = 0; j < 5; j++) {
            double[] scaled = new double[3];
            double[] unscaled = new double[3];
            for (int c = 0; c < 3; c++) {
                scaled[c] = meanPerCondition[c][j] / counts[c];
                unscaled[c] = meanUnscaled[c][j] / counts[c];
            }
            double spread = Arrays.stream(scaled).max().getAsDouble() - Arrays.stream(scaled).min().getAsDouble();
            double spreadSingle = Arrays.stream(unscaled).max().getAsDouble() - Arrays.stream(unscaled).min().getAsDouble();
            assertTrue(spread < 0.1, "sensor_" + (j + 1) + " per-condition means differ by " + spread);
            assertTrue(spreadSingle > 0.5, "one-condition scaling should leave the offsets: " + spreadSingle);
        }
    }

    @Test
    void clusteringIsDeterministicForASeed() throws IOException {
        List<Trajectory> engines = SyntheticEngines.generate(5, 4, 3);
        PreprocessOptions o = new PreprocessOptions().withConditions(4).withScaling(Scaling.Z_SCORE);
        assertArrayEquals(payload(Preprocessor.fit(engines, o)), payload(Preprocessor.fit(engines, o)));
    }

    @Test
    void transformOfOneRowChecksLengthsAndNamesTheNonFiniteColumn() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        assertEquals("expected an output of 2 values, got 3", assertThrows(IllegalArgumentException.class,
                () -> p.transform(new double[4], new double[3])).getMessage());
        assertEquals("expected a row of 4 values, got 3", assertThrows(IllegalArgumentException.class,
                () -> p.transform(new double[3], new double[2])).getMessage());
        assertEquals("b is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> p.transform(new double[] {0, 1, Double.NaN, 0}, new double[2])).getMessage());
        assertEquals("op is not finite: Infinity", assertThrows(IllegalArgumentException.class,
                () -> p.transform(new double[] {Double.POSITIVE_INFINITY, 1, 2, 0}, new double[2])).getMessage());
    }

    @Test
    void transformOfATrajectoryWithAnotherSchemaNamesBoth() {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        Trajectory other = new Trajectory("x/1", FeatureSchema.of("op", "a"), new double[][] {{0, 1}}, 0);
        assertEquals("trajectory x/1 has schema [op, a], the preprocessor expects [op, a, b, flag]",
                assertThrows(IllegalArgumentException.class, () -> p.transform(other)).getMessage());
    }

    @Test
    void fitRefusesBadTrainingData() {
        assertEquals("training trajectories are empty", assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.fit(List.of(), SMALL_OPTIONS)).getMessage());
        Trajectory other = new Trajectory("x/1", FeatureSchema.of("op", "a"), new double[][] {{0, 1}}, 0);
        assertEquals("trajectory x/1 has schema [op, a], trajectory train/1 has [op, a, b, flag]",
                assertThrows(IllegalArgumentException.class, () -> Preprocessor.fit(List.of(train, other), SMALL_OPTIONS))
                        .getMessage());
        assertEquals("setting column setting_1 is not in the schema [op, a, b, flag]",
                assertThrows(IllegalArgumentException.class, () -> Preprocessor.fit(List.of(train), new PreprocessOptions()))
                        .getMessage());
        assertEquals("conditions = 2 needs setting columns, got none", assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.fit(List.of(train), SMALL_OPTIONS.withSettingColumns(List.of()).withConditions(2)))
                .getMessage());
        assertEquals("the setting values take only 1 distinct points in the training data, fewer than conditions = 2",
                assertThrows(IllegalArgumentException.class,
                        () -> Preprocessor.fit(List.of(train), SMALL_OPTIONS.withConditions(2))).getMessage());
        assertEquals("condition 0 has 1 training rows, need at least 2", assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.fit(List.of(small("t/1", new double[] {0, 1, 2, 3})),
                        SMALL_OPTIONS.withMinDistinctValues(1))).getMessage());
        Trajectory lonely = small("t/2", new double[] {0, 1, 1, 0}, new double[] {0, 2, 2, 0},
                new double[] {0, 3, 3, 0}, new double[] {9, 4, 4, 0});
        assertEquals("condition 1 has 1 training rows, need at least 2", assertThrows(IllegalArgumentException.class,
                () -> Preprocessor.fit(List.of(lonely), SMALL_OPTIONS.withConditions(2))).getMessage());
        assertEquals("no non-setting column of [op, a, b, flag] has at least 5 distinct training values",
                assertThrows(IllegalArgumentException.class,
                        () -> Preprocessor.fit(List.of(train), SMALL_OPTIONS.withMinDistinctValues(5))).getMessage());
    }

    @Test
    void payloadRoundTripOfASingleConditionPreprocessor() throws IOException {
        Preprocessor p = Preprocessor.fit(List.of(train), SMALL_OPTIONS);
        Preprocessor q = read(payload(p));
        assertEquals(p.inputSchema(), q.inputSchema());
        assertEquals(p.outputSchema(), q.outputSchema());
        assertEquals(p.options(), q.options());
        assertArrayEquals(p.transform(train), q.transform(train));
    }

    @Test
    void readPayloadRefusesTruncatedOrForeignBytesNamingTheSource() throws IOException {
        byte[] bytes = payload(Preprocessor.fit(SyntheticEngines.generate(3, 2, 1), new PreprocessOptions().withConditions(2)));
        for (int cut : new int[] {0, 3, 9, 30, bytes.length / 2, bytes.length - 1}) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(Arrays.copyOf(bytes, cut)));
            assertEquals("model.rul: truncated preprocessor payload", e.getMessage(), "cut at " + cut);
        }
        byte[] foreign = bytes.clone();
        foreign[0] = 'X';
        assertTrue(assertThrows(ModelFormatException.class, () -> read(foreign)).getMessage()
                .startsWith("model.rul: not a preprocessor payload"));
        byte[] version = bytes.clone();
        version[7] = 9;
        assertEquals("model.rul: unsupported preprocessor payload version 9",
                assertThrows(ModelFormatException.class, () -> read(version)).getMessage());
        byte[] scaling = bytes.clone();
        scaling[8] = 7;
        assertEquals("model.rul: unknown scaling code 7",
                assertThrows(ModelFormatException.class, () -> read(scaling)).getMessage());
        byte[] conditions = bytes.clone();
        conditions[16] = 0; // conditions int at 13..16: 2 -> 0
        assertEquals("model.rul: invalid preprocessor payload: conditions must be >= 1, got 0",
                assertThrows(ModelFormatException.class, () -> read(conditions)).getMessage());
        byte[] names = bytes.clone();
        names[31] = (byte) 0xFF; // first byte of the first setting name: not modified UTF-8
        assertEquals("model.rul: malformed column name in preprocessor payload",
                assertThrows(ModelFormatException.class, () -> read(names)).getMessage());
        byte[] scale = bytes.clone();
        for (int i = 1; i <= 8; i++) {
            scale[scale.length - i] = (byte) 0xFF; // the last column scale becomes NaN
        }
        assertEquals("model.rul: invalid preprocessor payload: column scale must be finite and >= 0, got NaN",
                assertThrows(ModelFormatException.class, () -> read(scale)).getMessage());
    }

    @Test
    void toStringSummarises() {
        assertNotEquals("", Preprocessor.fit(List.of(train), SMALL_OPTIONS).toString());
        assertEquals("Preprocessor[4 -> 2 columns, MIN_MAX, 1 condition]",
                Preprocessor.fit(List.of(train), SMALL_OPTIONS).toString());
    }
}

package org.industry4.anomaly.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.industry4.core.FeatureSchema;
import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalerFileTest {

    @TempDir
    Path dir;

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = ScalerFileTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name + " missing from test resources");
            return in.readAllBytes();
        }
    }

    private static Scaler read(byte[] bytes) throws IOException {
        return ScalerFile.fromEnvelope(ModelEnvelope.readFrom(new ByteArrayInputStream(bytes), "golden"), "golden");
    }

    private static byte[] write(Scaler scaler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScalerFile.toEnvelope(scaler).writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theGoldenStandardScalerOfPayloadVersionOneStillReadsAndScalesAsItDid() throws IOException {
        byte[] bytes = golden("scaler-standard-v1.bin");
        Scaler scaler = read(bytes);
        assertInstanceOf(StandardScaler.class, scaler);
        assertEquals(ScalerGoldenFiles.SCHEMA, scaler.schema());
        assertArrayEquals(new double[] {24, 4, 100}, scaler.center(), 0);
        assertArrayEquals(new double[] {Math.sqrt(8), Math.sqrt(6.8), Math.sqrt(44.8)}, scaler.scale(), 1e-15);
        assertArrayEquals(new double[] {2 / Math.sqrt(8), -1 / Math.sqrt(6.8), 0},
                scaler.transform(new double[] {26, 3, 100}), 1e-15);
        assertArrayEquals(bytes, write(scaler), "the layout of payload version 1 must not change");
        assertEquals(StandardScaler.fit(ScalerGoldenFiles.ROWS, ScalerGoldenFiles.SCHEMA), scaler);
    }

    @Test
    void theGoldenRobustScalerOfPayloadVersionOneStillReadsAndScalesAsItDid() throws IOException {
        byte[] bytes = golden("scaler-robust-v1.bin");
        Scaler scaler = read(bytes);
        assertInstanceOf(RobustScaler.class, scaler);
        assertArrayEquals(new double[] {24, 3, 100}, scaler.center(), 0);
        assertArrayEquals(new double[] {4, 4, 4}, scaler.scale(), 0);
        assertArrayEquals(new double[] {0.5, 0, -3}, scaler.transform(new double[] {26, 3, 88}), 0);
        assertArrayEquals(bytes, write(scaler), "the layout of payload version 1 must not change");
        assertEquals(RobustScaler.fit(ScalerGoldenFiles.ROWS, ScalerGoldenFiles.SCHEMA), scaler);
    }

    @Test
    void writeThenReadAFileGivesTheSameScaler() throws IOException {
        ScalerFile file = new ScalerFile();
        Scaler scaler = RobustScaler.fit(ScalerGoldenFiles.ROWS, ScalerGoldenFiles.SCHEMA);
        Path path = dir.resolve("scaler.i4");
        file.write(scaler, path);
        assertEquals(scaler, file.read(path));
    }

    @Test
    void anotherModelTypeOrANewerPayloadVersionIsRefused() throws IOException {
        Path path = dir.resolve("other.i4");
        new ModelEnvelope("isolation-forest", 1, FeatureSchema.of("a"), new byte[8]).write(path);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ScalerFile().read(path));
        assertEquals(path + " holds a isolation-forest model, expected scaler", e.getMessage());

        new ModelEnvelope("scaler", 2, FeatureSchema.of("a"), new byte[8]).write(path);
        e = assertThrows(ModelFormatException.class, () -> new ScalerFile().read(path));
        assertEquals(path + " holds scaler payload version 2; this library reads up to version 1", e.getMessage());
    }

    @Test
    void invalidPayloadsAreRefusedWithTheReason() throws IOException {
        FeatureSchema ab = FeatureSchema.of("a", "b");
        assertEquals("mem holds an unknown scaler kind \"minmax\"; this library reads \"standard\" and \"robust\"",
                refused(ab, payload("minmax", 2, new double[] {0, 0}, new double[] {1, 1}, 0)));
        assertEquals("mem holds a scaler of 3 features, but its schema has 2",
                refused(ab, payload("robust", 3, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 0)));
        assertEquals("mem holds an invalid scaler: scale of feature b (index 1) must be finite and > 0, got 0.0",
                refused(ab, payload("standard", 2, new double[] {0, 0}, new double[] {1, 0}, 0)));
        assertEquals("mem holds an invalid scaler: centre of feature a (index 0) must be finite, got NaN",
                refused(ab, payload("standard", 2, new double[] {Double.NaN, 0}, new double[] {1, 1}, 0)));
        assertEquals("mem has 3 unexpected bytes after the scaler payload",
                refused(ab, payload("standard", 2, new double[] {0, 0}, new double[] {1, 1}, 3)));
        byte[] whole = payload("standard", 2, new double[] {0, 0}, new double[] {1, 1}, 0);
        assertEquals("mem is truncated (scaler payload)",
                refused(ab, Arrays.copyOf(whole, whole.length - 4)));

        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ScalerFile.readPayload(new DataInputStream(new ByteArrayInputStream(new byte[1])), ab));
        assertEquals("embedded scaler is truncated (scaler payload)", e.getMessage());
    }

    private static String refused(FeatureSchema schema, byte[] payload) {
        ModelEnvelope envelope = new ModelEnvelope("scaler", 1, schema, payload);
        return assertThrows(ModelFormatException.class, () -> ScalerFile.fromEnvelope(envelope, "mem")).getMessage();
    }

    private static byte[] payload(String kind, int n, double[] center, double[] scale, int extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(kind);
        out.writeInt(n);
        for (double c : center) {
            out.writeDouble(c);
        }
        for (double s : scale) {
            out.writeDouble(s);
        }
        out.write(new byte[extra]);
        out.flush();
        return bytes.toByteArray();
    }
}

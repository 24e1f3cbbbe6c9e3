package org.industry4.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEnvelopeTest {

    private static final ModelEnvelope GOLDEN = new ModelEnvelope("test-model", 3,
            FeatureSchema.of("spindle_temp", "vibration"), "payload bytes".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void theGoldenFileOfFormatVersionOneStillReadsAndIsWrittenByteForByte() throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/model-envelope-v1.bin")) {
            assertTrue(in != null, "golden file missing from test resources");
            golden = in.readAllBytes();
        }
        ModelEnvelope read = ModelEnvelope.readFrom(new java.io.ByteArrayInputStream(golden), "golden");
        assertEquals(GOLDEN, read);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GOLDEN.writeTo(out);
        assertArrayEquals(golden, out.toByteArray(), "the layout of format version 1 must not change");
    }

    @Test
    void damagedTruncatedForeignAndMismatchedFilesAreRefusedWithTheirName() throws IOException {
        Path file = dir.resolve("m.i4");
        GOLDEN.write(file);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelEnvelope.readFrom(new java.io.ByteArrayInputStream(flipped), "m.i4"));
        assertEquals("m.i4 is damaged: checksum mismatch", e.getMessage());

        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 12);
        assertThrows(ModelFormatException.class,
                () -> ModelEnvelope.readFrom(new java.io.ByteArrayInputStream(truncated), "m.i4"));

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a model at all");
        e = assertThrows(ModelFormatException.class, () -> ModelEnvelope.read(text));
        assertTrue(e.getMessage().contains("notes.txt is not an industry4 model file"), e.getMessage());

        ModelEnvelope read = ModelEnvelope.read(file);
        e = assertThrows(ModelFormatException.class, () -> read.require("isolation-forest", 1, "m.i4"));
        assertEquals("m.i4 holds a test-model model, expected isolation-forest", e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> read.require("test-model", 2, "m.i4"));
        assertEquals("m.i4 holds test-model payload version 3; this library reads up to version 2", e.getMessage());
        read.require("test-model", 3, "m.i4");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.i4");
        GOLDEN.write(file);
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void invalidEnvelopesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ModelEnvelope(" ", 1, FeatureSchema.of("a"), new byte[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelEnvelope("m", 0, FeatureSchema.of("a"), new byte[0]));
        assertEquals("payloadVersion must be > 0, got 0", e.getMessage());
    }

    @Property(tries = 200)
    void writeThenReadGivesTheSameEnvelope(@ForAll @NotBlank @AlphaChars String type,
                                           @ForAll @Size(max = 2000) byte[] payload) throws IOException {
        ModelEnvelope m = new ModelEnvelope(type, 1, FeatureSchema.of("x0", "x1", "x2"), payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        assertEquals(m, ModelEnvelope.readFrom(new java.io.ByteArrayInputStream(out.toByteArray()), "mem"));
    }
}

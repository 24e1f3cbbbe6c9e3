package org.industry4.rul.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmapssReaderTest {

    @TempDir
    Path dir;

    /** The shared C-MAPSS FD001 training file; the test that needs it is skipped when it is absent. */
    static Path sharedTrainFd001() {
        String shared = System.getProperty("industry4.shared.dir", "/work/shared");
        return Path.of(shared, "data", "cmapss", "train_FD001.txt");
    }

    /** A 26-number line for unit and cycle, values derived from both. */
    static String line(int unit, int cycle) {
        StringBuilder b = new StringBuilder().append(unit).append(' ').append(cycle);
        for (int j = 0; j < 24; j++) {
            b.append(' ').append(unit * 100 + cycle + j * 0.5);
        }
        return b.toString();
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private CmapssFormatException refused(String... lines) throws IOException {
        Path f = write("train_X.txt", lines);
        return assertThrows(CmapssFormatException.class, () -> CmapssReader.readTrain(f));
    }

    @Test
    void schemaHasThreeSettingsAnd21Sensors() {
        assertEquals(24, CmapssReader.SCHEMA.size());
        assertEquals(List.of("setting_1", "setting_2", "setting_3"), CmapssReader.SETTINGS);
        assertEquals(0, CmapssReader.SCHEMA.indexOf("setting_1"));
        assertEquals(3, CmapssReader.SCHEMA.indexOf("sensor_1"));
        assertEquals(23, CmapssReader.SCHEMA.indexOf("sensor_21"));
    }

    @Test
    void readsTheSharedFd001TrainingFile() throws IOException {
        Path file = sharedTrainFd001();
        Assumptions.assumeTrue(Files.exists(file), "C-MAPSS train_FD001.txt absent: " + file);
        List<Trajectory> engines = CmapssReader.readTrain(file);
        assertEquals(100, engines.size());
        assertEquals(20_631, engines.stream().mapToInt(Trajectory::cycles).sum());
        Trajectory first = engines.get(0);
        assertEquals("train_FD001/1", first.assetId());
        assertEquals(192, first.cycles());
        assertEquals(0, first.rulAtEnd());
        assertEquals("train_FD001/100", engines.get(99).assetId());
        // 1 1 -0.0007 -0.0004 100.0 518.67 641.82 ...
        assertEquals(-0.0007, first.value(0, 0));
        assertEquals(100.0, first.value(0, 2));
        assertEquals(518.67, first.value(0, 3));
        assertEquals(641.82, first.value(0, 4));
    }

    @Test
    void toleratesBlanksAroundValuesAndBlankLinesAtTheEnd() throws IOException {
        Path f = Files.writeString(dir.resolve("train_FD009.txt"),
                "  " + line(3, 1) + "  \n" + line(3, 2).replace(' ', '\t') + " \n" + line(1, 1) + "\n\n  \n");
        List<Trajectory> t = CmapssReader.readTrain(f);
        assertEquals(2, t.size());
        assertEquals("train_FD009/3", t.get(0).assetId());
        assertEquals(2, t.get(0).cycles());
        assertEquals("train_FD009/1", t.get(1).assetId());
        assertEquals(302 + 0.5, t.get(0).value(1, 1));
        assertEquals(0, t.get(1).rulAtEnd());
    }

    @Test
    void refusesAWrongCountNamingFileAndLine() throws IOException {
        String shortLine = line(1, 2).substring(0, line(1, 2).lastIndexOf(' '));
        CmapssFormatException e = refused(line(1, 1), shortLine);
        assertEquals("train_X.txt:2: expected 26 numbers, got 25", e.getMessage());
        assertEquals(2, e.line());
        assertEquals("train_X.txt", e.fileName());
        assertEquals("train_X.txt:1: expected 26 numbers, got 27", refused(line(1, 1) + " 7").getMessage());
    }

    @Test
    void refusesNonNumericAndNonFiniteValues() throws IOException {
        assertEquals("train_X.txt:2: sensor_21 is not a number: \"abc\"",
                refused(line(1, 1), line(1, 2).replaceAll("\\S+$", "abc")).getMessage());
        assertEquals("train_X.txt:1: setting_1 is not a number: \"NaN\"",
                refused(line(1, 1).replaceFirst("^1 1 \\S+", "1 1 NaN")).getMessage());
        assertEquals("train_X.txt:1: setting_1 is not a number: \"Infinity\"",
                refused(line(1, 1).replaceFirst("^1 1 \\S+", "1 1 Infinity")).getMessage());
        assertEquals("train_X.txt:1: setting_1 is not finite: \"1e999\"",
                refused(line(1, 1).replaceFirst("^1 1 \\S+", "1 1 1e999")).getMessage());
        assertEquals("train_X.txt:1: setting_1 is not a number: \"0x10\"",
                refused(line(1, 1).replaceFirst("^1 1 \\S+", "1 1 0x10")).getMessage());
    }

    @Test
    void refusesUnitAndCycleThatAreNotPositiveIntegers() throws IOException {
        assertEquals("train_X.txt:1: unit id must be a positive integer, got \"1.5\"",
                refused(line(1, 1).replaceFirst("^1 ", "1.5 ")).getMessage());
        assertEquals("train_X.txt:1: unit id must be a positive integer, got \"0\"",
                refused(line(0, 1)).getMessage());
        assertEquals("train_X.txt:1: cycle must be a positive integer, got \"-1\"",
                refused(line(1, 1).replaceFirst("^1 1 ", "1 -1 ")).getMessage());
    }

    @Test
    void refusesCyclesThatDoNotCountFromOne() throws IOException {
        assertEquals("train_X.txt:1: unit 1 starts at cycle 2, expected 1", refused(line(1, 2)).getMessage());
        assertEquals("train_X.txt:3: unit 1: expected cycle 3, got 4",
                refused(line(1, 1), line(1, 2), line(1, 4)).getMessage());
        assertEquals("train_X.txt:2: unit 1: expected cycle 2, got 1",
                refused(line(1, 1), line(1, 1)).getMessage());
    }

    @Test
    void refusesAUnitSeenTwice() throws IOException {
        CmapssFormatException e = refused(line(1, 1), line(2, 1), line(1, 1));
        assertEquals("train_X.txt:3: unit 1 appears again (first block starts at line 1); "
                + "a unit's rows must be one contiguous block", e.getMessage());
    }

    @Test
    void refusesBlankLinesBeforeTheEndAndEmptyFiles() throws IOException {
        assertEquals("train_X.txt:2: blank line before the last data line",
                refused(line(1, 1), "   ", line(1, 2)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n \n");
        assertEquals("empty.txt: has no data lines",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readTrain(empty)).getMessage());
    }

    @Test
    void readsTestFileWithRulFromTheRulFile() throws IOException {
        Path test = write("test_FD001.txt", line(1, 1), line(1, 2), line(2, 1));
        Path rul = Files.writeString(dir.resolve("RUL_FD001.txt"), "112 \n98\n\n");
        List<Trajectory> t = CmapssReader.readTest(test, rul);
        assertEquals(2, t.size());
        assertEquals("test_FD001/1", t.get(0).assetId());
        assertEquals(112, t.get(0).rulAtEnd());
        assertEquals(98, t.get(1).rulAtEnd());
        assertEquals(1, t.get(1).cycles());
    }

    @Test
    void refusesARulFileWhoseCountDiffersNamingBothFiles() throws IOException {
        Path test = write("test_FD001.txt", line(1, 1), line(2, 1));
        Path rul = write("RUL_FD001.txt", "112");
        CmapssFormatException e = assertThrows(CmapssFormatException.class, () -> CmapssReader.readTest(test, rul));
        assertEquals("RUL_FD001.txt: has 1 RUL values but test_FD001.txt has 2 units", e.getMessage());
    }

    @Test
    void readsAndRefusesRulValues() throws IOException {
        assertArrayEquals(new int[] {112, 0, 7}, CmapssReader.readRul(write("RUL_A.txt", " 112 ", "0", "7  ", "")));
        Path negative = write("RUL_B.txt", "3", "-1");
        assertEquals("RUL_B.txt:2: expected one non-negative integer, got \"-1\"",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readRul(negative)).getMessage());
        Path two = write("RUL_C.txt", "3 4");
        assertEquals("RUL_C.txt:1: expected one non-negative integer, got \"3 4\"",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readRul(two)).getMessage());
        Path fraction = write("RUL_D.txt", "3.5");
        assertEquals("RUL_D.txt:1: expected one non-negative integer, got \"3.5\"",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readRul(fraction)).getMessage());
        Path huge = write("RUL_E.txt", "99999999999");
        assertEquals("RUL_E.txt:1: RUL value out of range: 99999999999",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readRul(huge)).getMessage());
        Path gap = write("RUL_F.txt", "1", "", "2");
        assertEquals("RUL_F.txt:2: blank line before the last data line",
                assertThrows(CmapssFormatException.class, () -> CmapssReader.readRul(gap)).getMessage());
    }

    @Test
    void aMissingFileIsAnIoException() {
        assertThrows(IOException.class, () -> CmapssReader.readTrain(dir.resolve("nope.txt")));
    }
}

package org.industry4.opcua.store;

import static org.industry4.opcua.store.TestSinks.T0;
import static org.industry4.opcua.store.TestSinks.samples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSinkTest {

    private static final SignalId SPINDLE = SignalId.of("cnc-01/spindle_speed");
    private static final SignalId TEMP = SignalId.of("cnc-01/bearing_temp");

    @TempDir
    Path dir;

    record Row(String signal, long sourceMicros, long serverMicros, Double value, String quality) {
    }

    static List<Row> rows(DuckDbSink sink) throws SQLException {
        return sink.query("SELECT signal, epoch_us(source_time), epoch_us(server_time), value,"
                + " CAST(quality AS VARCHAR) FROM samples ORDER BY rowid", rs -> {
                    List<Row> rows = new ArrayList<>();
                    while (rs.next()) {
                        double v = rs.getDouble(4);
                        Double value = rs.wasNull() ? null : v;
                        rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), value, rs.getString(5)));
                    }
                    return rows;
                });
    }

    /** Counts the samples committed to {@code file}, seen through a separate connection. */
    static long committedCount(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM samples")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void roundTripKeepsQualitiesTurnsMissingValuesIntoNullAndTimesIntoMicroseconds() throws Exception {
        Instant source = Instant.parse("2026-03-01T08:00:00.123456789Z");
        Instant server = Instant.parse("2026-03-01T08:00:00.200000999Z");
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999500Z");
        List<TelemetrySample> batch = List.of(
                new TelemetrySample(SPINDLE, source, server, 1500.25, Quality.GOOD),
                new TelemetrySample(SPINDLE, source.plusMillis(100), server.plusMillis(100), -3.5, Quality.UNCERTAIN),
                TelemetrySample.bad(SPINDLE, source.plusMillis(200), server.plusMillis(200)),
                new TelemetrySample(TEMP, beforeEpoch, beforeEpoch, 42.0, Quality.BAD));
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            sink.accept(batch);
            List<Row> rows = rows(sink);
            long sourceMicros = 1_772_352_000_123_456L;
            long serverMicros = 1_772_352_000_200_000L;
            assertEquals(List.of(
                    new Row(SPINDLE.value(), sourceMicros, serverMicros, 1500.25, "GOOD"),
                    new Row(SPINDLE.value(), sourceMicros + 100_000, serverMicros + 100_000, -3.5, "UNCERTAIN"),
                    new Row(SPINDLE.value(), sourceMicros + 200_000, serverMicros + 200_000, null, "BAD"),
                    new Row(TEMP.value(), -1, -1, 42.0, "BAD")), rows);
            long nanCount = sink.query("SELECT count(*) FROM samples WHERE isnan(value)", rs -> {
                rs.next();
                return rs.getLong(1);
            });
            assertEquals(0, nanCount);
        }
    }

    @Test
    void catalogueHoldsDescriptionsAndFollowsTheSamples() throws Exception {
        try (DuckDbSink sink = DuckDbSink.open(dir.resolve("t.duckdb"))) {
            sink.describe(List.of(new SignalInfo(SPINDLE, "ns=2;s=cnc-01/spindle_speed", "Double", "rpm", "spindle speed"),
                    new SignalInfo(TEMP, "ns=2;s=cnc-01/bearing_temp", "Double", "C", "")));
            sink.accept(samples(SPINDLE.value(), 10, 5));
            sink.accept(List.of(TelemetrySample.good(SignalId.of("undescribed"), T0, 1)));
            sink.flush();
            sink.accept(samples(SPINDLE.value(), 0, 3));
            sink.accept(samples(SPINDLE.value(), 100, 2));
            sink.describe(List.of(new SignalInfo(SPINDLE, "ns=2;s=cnc-01/spindle_speed", "Float", "1/min", "renamed")));
            record Entry(String signal, String source, String type, String unit, String description,
                         Long first, Long last, long count) {
            }
            List<Entry> catalogue = sink.query("SELECT signal, source, data_type, unit, description,"
                    + " epoch_ms(first_seen), epoch_ms(last_seen), sample_count FROM signals ORDER BY signal", rs -> {
                        List<Entry> list = new ArrayList<>();
                        while (rs.next()) {
                            long first = rs.getLong(6);
                            Long f = rs.wasNull() ? null : first;
                            long last = rs.getLong(7);
                            Long l = rs.wasNull() ? null : last;
                            list.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), f, l, rs.getLong(8)));
                        }
                        return list;
                    });
            long t0 = T0.toEpochMilli();
            assertEquals(List.of(
                    new Entry(TEMP.value(), "ns=2;s=cnc-01/bearing_temp", "Double", "C", "", null, null, 0),
                    new Entry(SPINDLE.value(), "ns=2;s=cnc-01/spindle_speed", "Float", "1/min", "renamed",
                            t0, t0 + 101, 10),
                    new Entry("undescribed", null, null, null, null, t0, t0, 1)), catalogue);
        }
    }

    @Test
    void gapsAreStoredAndListedInOrder() throws Exception {
        TelemetryGap later = new TelemetryGap(SPINDLE, T0.plusSeconds(60), T0.plusSeconds(65), "connection lost: Bad_Timeout");
        TelemetryGap earlier = new TelemetryGap(SPINDLE, T0, T0.plusNanos(2_500_900), "server restart");
        TelemetryGap other = new TelemetryGap(TEMP, T0, T0, "it's quoted");
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            sink.gap(later);
            sink.gap(other);
            sink.gap(earlier);
            assertEquals(List.of(other, new TelemetryGap(SPINDLE, T0, T0.plusNanos(2_500_000), "server restart"), later),
                    sink.gaps());
        }
    }

    @Test
    void summaryMatchesAReferenceComputedHere() {
        SplittableRandom random = new SplittableRandom(7);
        List<SignalId> ids = List.of(SignalId.of("a"), SignalId.of("b"), SignalId.of("c"), SignalId.of("only-bad"));
        List<TelemetrySample> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            SignalId id = ids.get(random.nextInt(3));
            Quality q = Quality.values()[random.nextInt(3)];
            double v = random.nextDouble(-100, 100);
            Instant t = T0.plusMillis(i);
            all.add(q == Quality.BAD && random.nextBoolean() ? TelemetrySample.bad(id, t, t) : new TelemetrySample(id, t, t, v, q));
        }
        all.add(TelemetrySample.bad(ids.get(3), T0, T0));
        all.add(new TelemetrySample(ids.get(3), T0, T0, 5.0, Quality.BAD));
        List<TelemetryGap> gaps = List.of(
                new TelemetryGap(ids.get(0), T0, T0.plusMillis(1500), "x"),
                new TelemetryGap(ids.get(0), T0.plusSeconds(10), T0.plusSeconds(12), "y"),
                new TelemetryGap(SignalId.of("gap-only"), T0, T0.plusSeconds(1), "z"));

        Map<SignalId, List<TelemetrySample>> bySignal = new TreeMap<>();
        for (TelemetrySample s : all) {
            bySignal.computeIfAbsent(s.signal(), k -> new ArrayList<>()).add(s);
        }
        List<SignalSummary> expected = new ArrayList<>();
        for (Map.Entry<SignalId, List<TelemetrySample>> e : bySignal.entrySet()) {
            long bad = e.getValue().stream().filter(s -> s.quality() == Quality.BAD).count();
            double[] usable = e.getValue().stream().filter(s -> s.quality() != Quality.BAD)
                    .mapToDouble(TelemetrySample::value).toArray();
            long gapCount = gaps.stream().filter(g -> g.signal().equals(e.getKey())).count();
            Duration gapTime = gaps.stream().filter(g -> g.signal().equals(e.getKey()))
                    .map(TelemetryGap::duration).reduce(Duration.ZERO, Duration::plus);
            expected.add(new SignalSummary(e.getKey(), e.getValue().size(), bad,
                    java.util.Arrays.stream(usable).min(), java.util.Arrays.stream(usable).average(),
                    java.util.Arrays.stream(usable).max(), gapCount, gapTime));
        }
        expected.add(new SignalSummary(SignalId.of("gap-only"), 0, 0, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 1, Duration.ofSeconds(1)));
        expected.sort(java.util.Comparator.comparing(SignalSummary::signal));

        try (DuckDbSink sink = DuckDbSink.openInMemory(new DuckDbSinkOptions(1_000, Duration.ofHours(1)))) {
            for (int i = 0; i < all.size(); i += 300) {
                sink.accept(all.subList(i, Math.min(all.size(), i + 300)));
            }
            gaps.forEach(sink::gap);
            List<SignalSummary> actual = sink.summary();
            assertEquals(expected.size(), actual.size(), () -> "summaries: " + actual);
            for (int i = 0; i < expected.size(); i++) {
                SignalSummary want = expected.get(i);
                SignalSummary got = actual.get(i);
                assertEquals(want.signal(), got.signal());
                assertEquals(want.count(), got.count(), want.signal().value());
                assertEquals(want.badCount(), got.badCount(), want.signal().value());
                assertEquals(want.min(), got.min(), want.signal().value());
                assertEquals(want.max(), got.max(), want.signal().value());
                assertEquals(want.mean().isPresent(), got.mean().isPresent(), want.signal().value());
                if (want.mean().isPresent()) {
                    assertEquals(want.mean().getAsDouble(), got.mean().getAsDouble(), 1e-9, want.signal().value());
                }
                assertEquals(want.gapCount(), got.gapCount(), want.signal().value());
                assertEquals(want.gapTime(), got.gapTime(), want.signal().value());
            }
            SignalSummary onlyBad = actual.stream().filter(s -> s.signal().value().equals("only-bad")).findFirst().orElseThrow();
            assertEquals(2, onlyBad.count());
            assertEquals(0, onlyBad.usableCount());
            assertTrue(onlyBad.mean().isEmpty());
            assertEquals(all.size(), sink.sampleCount());
        }
    }

    @Test
    void closeFlushesAndAReopenedFileHoldsEverything() throws Exception {
        Path file = dir.resolve("plant.duckdb");
        DuckDbSinkOptions never = new DuckDbSinkOptions(1_000_000, Duration.ofHours(1));
        DuckDbSink sink = DuckDbSink.open(file, never);
        sink.accept(samples("a", 0, 700));
        sink.gap(new TelemetryGap(SignalId.of("a"), T0, T0.plusSeconds(1), "restart"));
        sink.close();
        sink.close();
        try (DuckDbSink reopened = DuckDbSink.open(file, never)) {
            assertEquals(700, reopened.sampleCount());
            assertEquals(1, reopened.gaps().size());
            reopened.accept(samples("a", 700, 300));
        }
        try (DuckDbSink again = DuckDbSink.open(file)) {
            assertEquals(1_000, again.sampleCount());
            assertEquals(1_000, again.summary().get(0).count());
        }
    }

    @Test
    void useAfterCloseThrowsIllegalState() {
        DuckDbSink sink = DuckDbSink.openInMemory();
        sink.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.accept(samples("a", 0, 1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, sink::flush);
        assertThrows(IllegalStateException.class, sink::sampleCount);
        assertThrows(IllegalStateException.class, () -> sink.gap(new TelemetryGap(SPINDLE, T0, T0, "x")));
    }

    @Test
    void rowsAreCommittedOnceFlushRowsWaitWithoutAnExplicitFlush() throws Exception {
        Path file = dir.resolve("size.duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file, new DuckDbSinkOptions(100, Duration.ofHours(1)))) {
            sink.accept(samples("a", 0, 99));
            assertEquals(0, committedCount(file));
            sink.accept(samples("a", 99, 1));
            assertEquals(100, committedCount(file));
        }
    }

    @Test
    void rowsOlderThanTheFlushIntervalAreCommittedByTheNextAccept() throws Exception {
        Path file = dir.resolve("age.duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file, new DuckDbSinkOptions(1_000_000, Duration.ZERO))) {
            sink.accept(samples("a", 0, 10));
            assertEquals(0, committedCount(file));
            sink.accept(samples("a", 10, 5));
            assertEquals(10, committedCount(file));
        }
        assertEquals(15, committedCount(file));
    }

    @Test
    void aDatabaseFailureNamesTheFileAndKeepsTheRowsForTheNextFlush() throws Exception {
        Path file = dir.resolve("fail.duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file, new DuckDbSinkOptions(1_000_000, Duration.ofHours(1)));
             Connection other = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = other.createStatement()) {
            sink.accept(samples("a", 0, 50));
            statement.execute("ALTER TABLE samples RENAME TO samples_elsewhere");
            TelemetryException e = assertThrows(TelemetryException.class, sink::flush);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("50 samples"), e.getMessage());
            assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));

            statement.execute("ALTER TABLE samples_elsewhere RENAME TO samples");
            sink.accept(samples("a", 50, 10));
            assertEquals(60, sink.sampleCount());
            assertEquals(60, sink.summary().get(0).count());
        }
    }

    @Test
    void aFailedCommitStartedByAcceptKeepsItsBatchAndIsThrownByTheNextAccept() throws Exception {
        Path file = dir.resolve("deferred.duckdb");
        try (DuckDbSink sink = DuckDbSink.open(file, new DuckDbSinkOptions(10, Duration.ofHours(1)));
             Connection other = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = other.createStatement()) {
            sink.accept(samples("a", 0, 5));
            statement.execute("ALTER TABLE samples RENAME TO samples_elsewhere");
            sink.accept(samples("a", 5, 5));
            TelemetryException e = assertThrows(TelemetryException.class, () -> sink.accept(samples("a", 10, 1)));
            assertTrue(e.getMessage().contains("10 samples"), e.getMessage());

            statement.execute("ALTER TABLE samples_elsewhere RENAME TO samples");
            sink.accept(samples("a", 10, 1));
            assertEquals(10, committedCount(file));
            assertEquals(11, sink.sampleCount());
        }
    }

    @Test
    void closeSaysHowManySamplesItCouldNotStore() throws Exception {
        Path file = dir.resolve("close-fail.duckdb");
        DuckDbSink sink = DuckDbSink.open(file, new DuckDbSinkOptions(1_000_000, Duration.ofHours(1)));
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = other.createStatement()) {
            sink.accept(samples("a", 0, 7));
            statement.execute("DROP TABLE samples");
            TelemetryException e = assertThrows(TelemetryException.class, sink::close);
            assertTrue(e.getMessage().contains("without storing 7 samples"), e.getMessage());
        }
        sink.close();
    }

    @Test
    void openingInAMissingDirectoryNamesThePath() {
        Path file = dir.resolve("no-such-dir").resolve("x.duckdb");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DuckDbSink.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void openingAFileThatIsNotADuckDbDatabaseNamesThePath() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the tables you are looking for\n".repeat(200));
        IOException e = assertThrows(IOException.class, () -> DuckDbSink.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid DuckDB database"), e.getMessage());
    }

    @Test
    void openingADatabaseWithForeignTablesSaysSo() throws Exception {
        Path file = dir.resolve("foreign.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE samples (id INTEGER, payload VARCHAR)");
        }
        IOException e = assertThrows(IOException.class, () -> DuckDbSink.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not an industry4 telemetry store"), e.getMessage());
    }

    @Test
    void timesBeyondWhatDuckDbStoresAreRefusedWithoutTakingTheBatch() {
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            List<TelemetrySample> batch = List.of(TelemetrySample.good(SPINDLE, T0, 1),
                    TelemetrySample.good(SPINDLE, Instant.MAX, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.accept(batch));
            assertTrue(e.getMessage().contains(SPINDLE.value()) && e.getMessage().contains(Instant.MAX.toString()),
                    e.getMessage());
            assertEquals(0, sink.sampleCount());
        }
    }

    @Test
    void optionsNameTheBadValue() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new DuckDbSinkOptions(0, Duration.ofSeconds(1)));
        assertEquals("flushRows must be > 0, got 0", rows.getMessage());
        IllegalArgumentException age = assertThrows(IllegalArgumentException.class,
                () -> new DuckDbSinkOptions(10, Duration.ofMillis(-5)));
        assertEquals("flushInterval must be >= 0, got PT-0.005S", age.getMessage());
        assertEquals(new DuckDbSinkOptions(50_000, Duration.ofSeconds(1)), new DuckDbSinkOptions());
    }

    @Test
    void queryHandsOverTheResultAndReportsBadSql() throws Exception {
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            sink.accept(samples("a", 0, 3));
            long count = sink.query("SELECT count(*) FROM samples", rs -> {
                rs.next();
                return rs.getLong(1);
            });
            assertEquals(3, count);
            assertThrows(SQLException.class, () -> sink.query("SELECT nope FROM samples", rs -> null));
            assertEquals(3, sink.sampleCount());
            assertNull(sink.query("SELECT 1", rs -> null));
        }
    }
}

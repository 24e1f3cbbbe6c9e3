package org.industry4.opcua.store;

import static org.industry4.opcua.store.TestSinks.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExportTest {

    @TempDir
    Path dir;

    private static List<TelemetrySample> shuffledSamples() {
        List<TelemetrySample> list = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            SignalId id = SignalId.of(i % 2 == 0 ? "m-2/vibration" : "m-1/vibration");
            int ms = (i * 7919) % 1_000;
            list.add(i % 100 == 0 ? TelemetrySample.bad(id, T0.plusMillis(ms), T0.plusMillis(ms))
                    : new TelemetrySample(id, T0.plusMillis(ms), T0.plusMillis(ms), ms / 10.0,
                    i % 10 == 0 ? Quality.UNCERTAIN : Quality.GOOD));
        }
        return list;
    }

    private static String listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

    @Test
    void exportWritesThreeReadableOrderedFilesAndLeavesNoTemporaryFile() throws Exception {
        Path out = dir.resolve("it's exported");
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            sink.describe(List.of(new SignalInfo(SignalId.of("m-1/vibration"), "ns=2;s=m-1/vibration", "Double", "g", "")));
            sink.accept(shuffledSamples());
            sink.gap(new TelemetryGap(SignalId.of("m-1/vibration"), T0, T0.plusSeconds(3), "restart"));

            ParquetExport export = sink.exportParquet(out);

            assertEquals(out.resolve("samples.parquet"), export.samples());
            assertEquals(1_000, export.sampleRows());
            assertEquals(2, export.signalRows());
            assertEquals(1, export.gapRows());
            assertEquals("[gaps.parquet, samples.parquet, signals.parquet]", listing(out));

            String samples = ParquetWriter.sqlString(export.samples().toString());
            record Check(long rows, long nulls, long bad, long ordered, String qualityType, String timeType) {
            }
            Check check = sink.query("SELECT count(*), count(*) - count(value),"
                    + " count(*) FILTER (WHERE quality = 'BAD'),"
                    + " bool_and(ok)::INT, any_value(typeof(quality)), any_value(typeof(source_time)) FROM ("
                    + "  SELECT *, coalesce((signal, source_time) >= lag((signal, source_time))"
                    + "   OVER (ORDER BY file_row_number), true) AS ok"
                    + "  FROM read_parquet(" + samples + ", file_row_number = true))", rs -> {
                        rs.next();
                        return new Check(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getString(5), rs.getString(6));
                    });
            assertEquals(new Check(1_000, 10, 10, 1, "VARCHAR", "TIMESTAMP WITH TIME ZONE"), check);

            long matching = sink.query("SELECT count(*) FROM samples s JOIN read_parquet(" + samples + ") p"
                    + " ON s.signal = p.signal AND s.source_time = p.source_time AND s.server_time = p.server_time"
                    + " AND s.value IS NOT DISTINCT FROM p.value AND CAST(s.quality AS VARCHAR) = p.quality", rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });
            assertEquals(1_000, matching);

            String signals = sink.query("SELECT string_agg(signal || ':' || coalesce(unit, '?') || ':' || sample_count, ',')"
                    + " FROM read_parquet(" + ParquetWriter.sqlString(export.signals().toString()) + ")", rs -> {
                        rs.next();
                        return rs.getString(1);
                    });
            assertEquals("m-1/vibration:g:500,m-2/vibration:?:500", signals);
            String gaps = sink.query("SELECT reason || ':' || epoch(gap_end - gap_start) FROM read_parquet("
                    + ParquetWriter.sqlString(export.gaps().toString()) + ")", rs -> {
                        rs.next();
                        return rs.getString(1);
                    });
            assertEquals("restart:3.0", gaps);
        }
    }

    @Test
    void exportingAgainReplacesTheFilesWithTheNewContents() throws Exception {
        Path out = dir.resolve("out");
        try (DuckDbSink sink = DuckDbSink.open(dir.resolve("db.duckdb"))) {
            sink.accept(TestSinks.samples("a", 0, 10));
            assertEquals(10, sink.exportParquet(out).sampleRows());
            sink.accept(TestSinks.samples("a", 10, 5));
            ParquetExport second = sink.exportParquet(out);
            assertEquals(15, second.sampleRows());
            long rows = sink.query("SELECT count(*) FROM read_parquet("
                    + ParquetWriter.sqlString(second.samples().toString()) + ")", rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });
            assertEquals(15, rows);
            assertEquals("[gaps.parquet, samples.parquet, signals.parquet]", listing(out));
        }
    }

    @Test
    void aFailedExportNamesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path out = dir.resolve("blocked");
        Files.createDirectories(out.resolve("samples.parquet"));
        Files.writeString(out.resolve("samples.parquet").resolve("keep"), "a directory stands where the file would go");
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            sink.accept(TestSinks.samples("a", 0, 3));
            IOException e = assertThrows(IOException.class, () -> sink.exportParquet(out));
            assertTrue(e.getMessage().contains("samples.parquet"), e.getMessage());
            assertEquals("[samples.parquet]", listing(out));
            assertEquals(3, sink.sampleCount());
        }
    }

    @Test
    void sqlStringsDoubleTheirQuotes() throws SQLException {
        assertEquals("'/tmp/it''s/a.parquet'", ParquetWriter.sqlString("/tmp/it's/a.parquet"));
        try (DuckDbSink sink = DuckDbSink.openInMemory()) {
            String back = sink.query("SELECT " + ParquetWriter.sqlString("x'); DROP TABLE samples; --"), rs -> {
                rs.next();
                return rs.getString(1);
            });
            assertEquals("x'); DROP TABLE samples; --", back);
        }
    }
}

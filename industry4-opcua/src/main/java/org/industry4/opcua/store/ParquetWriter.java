package org.industry4.opcua.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/** Writes a DuckDB telemetry store's tables as Parquet files, each atomically. */
final class ParquetWriter {

    static final String SAMPLES_FILE = "samples.parquet";
    static final String SIGNALS_FILE = "signals.parquet";
    static final String GAPS_FILE = "gaps.parquet";

    private ParquetWriter() {
    }

    static ParquetExport export(DuckDBConnection connection, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path samples = directory.resolve(SAMPLES_FILE);
        Path signals = directory.resolve(SIGNALS_FILE);
        Path gaps = directory.resolve(GAPS_FILE);
        long sampleRows = copy(connection, "samples",
                "SELECT signal, source_time, server_time, value, quality FROM samples"
                        + " ORDER BY signal, source_time, server_time", samples);
        long signalRows = copy(connection, "signals",
                "SELECT signal, source, data_type, unit, description, first_seen, last_seen,"
                        + " sample_count FROM signals ORDER BY signal", signals);
        long gapRows = copy(connection, "gaps",
                "SELECT signal, gap_start, gap_end, reason FROM gaps ORDER BY signal, gap_start, gap_end",
                gaps);
        return new ParquetExport(samples, sampleRows, signals, signalRows, gaps, gapRows);
    }

    /** Copies the rows of {@code select} into {@code target} through a temporary file; returns the row count. */
    private static long copy(DuckDBConnection connection, String table, String select, Path target)
            throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            long rows;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                statement.execute("COPY (" + select + ") TO " + sqlString(temporary.toString())
                        + " (FORMAT parquet, COMPRESSION zstd)");
            } catch (SQLException e) {
                throw new IOException("cannot export " + table + " to " + target + ": " + e.getMessage(), e);
            }
            moveIntoPlace(temporary, target);
            return rows;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code text} as an SQL string literal: in single quotes, each quote doubled. */
    static String sqlString(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

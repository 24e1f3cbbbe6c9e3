package org.industry4.opcua.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files {@link DuckDbSink#exportParquet(Path)} wrote and how many rows each holds. Each file
 * has the columns of the table of the same name (see {@link DuckDbSink}).
 *
 * @param samples    {@code samples.parquet}, ordered by signal, source time, server time
 * @param sampleRows rows in it
 * @param signals    {@code signals.parquet}, the signal catalogue ordered by signal
 * @param signalRows rows in it
 * @param gaps       {@code gaps.parquet}, ordered by signal, gap start, gap end
 * @param gapRows    rows in it
 */
public record ParquetExport(Path samples, long sampleRows, Path signals, long signalRows,
                            Path gaps, long gapRows) {

    public ParquetExport {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(gaps, "gaps");
        if (sampleRows < 0 || signalRows < 0 || gapRows < 0) {
            throw new IllegalArgumentException("row counts must be >= 0, got " + sampleRows + ", "
                    + signalRows + ", " + gapRows);
        }
    }
}

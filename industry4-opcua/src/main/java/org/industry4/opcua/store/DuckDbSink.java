package org.industry4.opcua.store;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.industry4.core.Quality;
import org.industry4.core.SignalId;
import org.industry4.core.SignalInfo;
import org.industry4.core.TelemetryException;
import org.industry4.core.TelemetryGap;
import org.industry4.core.TelemetrySample;
import org.industry4.core.TelemetrySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TelemetrySink} that stores telemetry in an embedded DuckDB database: one table of
 * samples, a signal catalogue and a table of gaps. Usable on its own or behind a
 * {@link StoreAndForward} queue.
 *
 * <h2>Schema</h2>
 * All times are {@code TIMESTAMPTZ}, an absolute instant at microsecond precision (DuckDB shows
 * it in the session's time zone; {@code epoch_us(t)} gives the stored number). Sub-microsecond
 * parts of an {@link Instant} are truncated towards the past.
 * <pre>{@code
 * CREATE TYPE sample_quality AS ENUM ('GOOD', 'UNCERTAIN', 'BAD');
 * CREATE TABLE samples (
 *     signal      VARCHAR        NOT NULL,  -- SignalId.value()
 *     source_time TIMESTAMPTZ    NOT NULL,  -- when the device measured it
 *     server_time TIMESTAMPTZ    NOT NULL,  -- when the server saw it
 *     value       DOUBLE,                   -- NULL for a BAD sample without a value; never NaN
 *     quality     sample_quality NOT NULL);
 * CREATE TABLE signals (                    -- the signal catalogue
 *     signal       VARCHAR PRIMARY KEY,
 *     source       VARCHAR,                 -- from describe(); NULL until the signal is described
 *     data_type    VARCHAR,                 --   "
 *     unit         VARCHAR,                 --   "
 *     description  VARCHAR,                 --   "
 *     first_seen   TIMESTAMPTZ,             -- earliest source_time stored; NULL before any sample
 *     last_seen    TIMESTAMPTZ,             -- latest source_time stored
 *     sample_count BIGINT NOT NULL DEFAULT 0);  -- samples stored, every quality
 * CREATE TABLE gaps (
 *     signal    VARCHAR     NOT NULL,
 *     gap_start TIMESTAMPTZ NOT NULL,
 *     gap_end   TIMESTAMPTZ NOT NULL,
 *     reason    VARCHAR     NOT NULL);
 * }</pre>
 * Rows are appended in arrival order; the samples table has no index (DuckDB's column store
 * compresses the repeated signal names by dictionary). Opening an existing database adds to it.
 *
 * <h2>Writes and durability</h2>
 * Accepted samples, gaps and descriptions wait in memory and are written in one transaction, the
 * samples through the DuckDB Appender, when {@link DuckDbSinkOptions#flushRows()} samples wait or
 * the oldest waiting row is {@link DuckDbSinkOptions#flushInterval()} old (checked in
 * {@code accept}), and on {@link #flush()}, {@link #close()}, the query helpers and
 * {@link #exportParquet(Path)}. The catalogue's {@code first_seen}, {@code last_seen} and
 * {@code sample_count} are brought up to date in the same transaction.
 *
 * <p>Nothing accepted is dropped silently. If writing fails, the transaction is rolled back, the
 * rows stay waiting and the next flush tries again; the failure is thrown as a
 * {@link TelemetryException} naming the database and the cause, either from the call that flushed
 * or, for a flush that {@code accept} started after taking its batch, logged and thrown by the
 * next {@code accept} or {@code flush}. When {@code accept} throws, its batch was not taken. If
 * {@code close()} cannot write, it says how many samples were not stored.
 *
 * <h2>Threads</h2>
 * Thread-safe: every method holds one lock for its duration, so calls from several threads are
 * serialised; a flush blocks concurrent callers while it runs.
 */
public final class DuckDbSink implements TelemetrySink {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbSink.class);

    /** Instants further than this from the epoch (about 285,000 years) are refused. */
    private static final long MAX_ABS_EPOCH_SECOND = 9_000_000_000_000L;

    private static final String[] SCHEMA = {
        "CREATE TYPE IF NOT EXISTS sample_quality AS ENUM ('GOOD', 'UNCERTAIN', 'BAD')",
        "CREATE TABLE IF NOT EXISTS samples (signal VARCHAR NOT NULL, source_time TIMESTAMPTZ NOT NULL,"
                + " server_time TIMESTAMPTZ NOT NULL, value DOUBLE, quality sample_quality NOT NULL)",
        "CREATE TABLE IF NOT EXISTS signals (signal VARCHAR PRIMARY KEY, source VARCHAR,"
                + " data_type VARCHAR, unit VARCHAR, description VARCHAR, first_seen TIMESTAMPTZ,"
                + " last_seen TIMESTAMPTZ, sample_count BIGINT NOT NULL DEFAULT 0)",
        "CREATE TABLE IF NOT EXISTS gaps (signal VARCHAR NOT NULL, gap_start TIMESTAMPTZ NOT NULL,"
                + " gap_end TIMESTAMPTZ NOT NULL, reason VARCHAR NOT NULL)",
        "CREATE TEMP TABLE industry4_seen_stage (signal VARCHAR, first_seen TIMESTAMPTZ,"
                + " last_seen TIMESTAMPTZ, sample_count BIGINT)",
        "CREATE TEMP TABLE industry4_describe_stage (signal VARCHAR, source VARCHAR,"
                + " data_type VARCHAR, unit VARCHAR, description VARCHAR)",
    };

    /** Selects every column the sink uses, to tell an existing database of another shape. */
    private static final String[] SCHEMA_CHECK = {
        "SELECT signal, source_time, server_time, value, quality FROM samples LIMIT 0",
        "SELECT signal, source, data_type, unit, description, first_seen, last_seen, sample_count"
                + " FROM signals LIMIT 0",
        "SELECT signal, gap_start, gap_end, reason FROM gaps LIMIT 0",
    };

    private static final String MERGE_DESCRIPTIONS =
            "INSERT INTO signals (signal, source, data_type, unit, description)"
            + " SELECT signal, source, data_type, unit, description FROM temp.industry4_describe_stage"
            + " ON CONFLICT (signal) DO UPDATE SET source = excluded.source,"
            + " data_type = excluded.data_type, unit = excluded.unit, description = excluded.description";

    private static final String MERGE_SEEN =
            "INSERT INTO signals (signal, first_seen, last_seen, sample_count)"
            + " SELECT signal, first_seen, last_seen, sample_count FROM temp.industry4_seen_stage"
            + " ON CONFLICT (signal) DO UPDATE SET"
            + " first_seen = least(signals.first_seen, excluded.first_seen),"
            + " last_seen = greatest(signals.last_seen, excluded.last_seen),"
            + " sample_count = signals.sample_count + excluded.sample_count";

    private static final String SUMMARY =
            "WITH s AS (SELECT signal, count(*) AS n, count(*) FILTER (WHERE quality = 'BAD') AS bad,"
            + " min(value) FILTER (WHERE quality <> 'BAD') AS lo,"
            + " avg(value) FILTER (WHERE quality <> 'BAD') AS mean,"
            + " max(value) FILTER (WHERE quality <> 'BAD') AS hi FROM samples GROUP BY signal),"
            + " g AS (SELECT signal, count(*) AS gaps,"
            + " CAST(sum(epoch_us(gap_end) - epoch_us(gap_start)) AS BIGINT) AS gap_us"
            + " FROM gaps GROUP BY signal),"
            + " ids AS (SELECT signal FROM signals UNION SELECT signal FROM s UNION SELECT signal FROM g)"
            + " SELECT ids.signal, coalesce(s.n, 0), coalesce(s.bad, 0), s.lo, s.mean, s.hi,"
            + " coalesce(g.gaps, 0), coalesce(g.gap_us, 0)"
            + " FROM ids LEFT JOIN s ON s.signal = ids.signal LEFT JOIN g ON g.signal = ids.signal"
            + " ORDER BY ids.signal";

    private final String name;
    private final DuckDbSinkOptions options;
    private final long flushIntervalNanos;
    private final DuckDBConnection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private final ArrayList<TelemetrySample> pendingSamples = new ArrayList<>();
    private final ArrayList<TelemetryGap> pendingGaps = new ArrayList<>();
    private final LinkedHashMap<SignalId, SignalInfo> pendingDescriptions = new LinkedHashMap<>();
    /** {@link System#nanoTime()} when the oldest waiting row arrived; meaningful if any wait. */
    private long pendingSinceNanos;
    private boolean closed;

    private DuckDbSink(String name, DuckDbSinkOptions options, DuckDBConnection connection) {
        this.name = name;
        this.options = options;
        long interval;
        try {
            interval = options.flushInterval().toNanos();
        } catch (ArithmeticException e) {
            interval = Long.MAX_VALUE;
        }
        this.flushIntervalNanos = interval;
        this.connection = connection;
    }

    /**
     * Opens (creating if missing) the database file {@code databaseFile} with default options.
     *
     * @throws NoSuchFileException if the file's directory does not exist
     * @throws IOException         if the file is not a DuckDB database, is locked by another
     *                             process, or holds tables of another shape; the message names it
     */
    public static DuckDbSink open(Path databaseFile) throws IOException {
        return open(databaseFile, new DuckDbSinkOptions());
    }

    /**
     * Opens (creating if missing) the database file {@code databaseFile}.
     *
     * @throws NoSuchFileException if the file's directory does not exist
     * @throws IOException         if the file is not a DuckDB database, is locked by another
     *                             process, or holds tables of another shape; the message names it
     */
    public static DuckDbSink open(Path databaseFile, DuckDbSinkOptions options) throws IOException {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(options, "options");
        Path file = databaseFile.toAbsolutePath().normalize();
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(file.toString(), null,
                    "cannot open DuckDB database: directory " + directory + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot open DuckDB database " + file + ": it is a directory");
        }
        return connect("jdbc:duckdb:" + file, file.toString(), options);
    }

    /** Opens a private in-memory database with default options: for tests and benchmarks. */
    public static DuckDbSink openInMemory() {
        return openInMemory(new DuckDbSinkOptions());
    }

    /** Opens a private in-memory database, gone when the sink closes: for tests and benchmarks. */
    public static DuckDbSink openInMemory(DuckDbSinkOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            return connect("jdbc:duckdb:", ":memory:", options);
        } catch (IOException e) {
            throw new TelemetryException("cannot open an in-memory DuckDB database: " + e.getMessage(), e);
        }
    }

    private static DuckDbSink connect(String url, String name, DuckDbSinkOptions options)
            throws IOException {
        DuckDBConnection connection;
        try {
            connection = DriverManager.getConnection(url).unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw new IOException("cannot open DuckDB database " + name + ": " + e.getMessage(), e);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String check : SCHEMA_CHECK) {
                    try {
                        statement.executeQuery(check).close();
                    } catch (SQLException e) {
                        throw new IOException("DuckDB database " + name
                                + " holds tables that are not an industry4 telemetry store: "
                                + e.getMessage(), e);
                    }
                }
            }
            connection.setAutoCommit(false);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(connection, e);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot prepare DuckDB database " + name + ": " + e.getMessage(), e);
        }
        LOG.debug("opened DuckDB telemetry store {}", name);
        return new DuckDbSink(name, options, connection);
    }

    /** The database file's absolute path, or {@code ":memory:"} for an in-memory database. */
    public String name() {
        return name;
    }

    /** The options this sink was opened with. */
    public DuckDbSinkOptions options() {
        return options;
    }

    /**
     * Takes a batch. If the rows already waiting are due (see {@link DuckDbSinkOptions}), they are
     * committed first; if that fails the batch is not taken and the failure is thrown. A batch that
     * brings the waiting samples to {@code flushRows} is committed at once; if that commit fails,
     * the batch stays taken, the failure is logged and the next call retries and throws it.
     *
     * @throws IllegalArgumentException if a time lies more than about 285,000 years from 1970
     * @throws IllegalStateException    if the sink is closed
     * @throws TelemetryException       if waiting rows could not be written; the batch was not taken
     */
    @Override
    public void accept(List<TelemetrySample> batch) {
        Objects.requireNonNull(batch, "batch");
        for (int i = 0; i < batch.size(); i++) {
            TelemetrySample sample = Objects.requireNonNull(batch.get(i), "sample");
            checkTime(sample.sourceTime(), "source time", sample.signal());
            checkTime(sample.serverTime(), "server time", sample.signal());
        }
        lock.lock();
        try {
            ensureOpen();
            if (batch.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (isPending() && (pendingSamples.size() >= options.flushRows()
                    || now - pendingSinceNanos >= flushIntervalNanos)) {
                flushLocked();
            }
            markPending(now);
            pendingSamples.addAll(batch);
            if (pendingSamples.size() >= options.flushRows()) {
                try {
                    flushLocked();
                } catch (TelemetryException e) {
                    LOG.warn("{}; the rows stay waiting and the next accept or flush retries", e.getMessage(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the signals in the catalogue, replacing their source, data type, unit and
     * description; written with the next flush.
     *
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public void describe(List<SignalInfo> signals) {
        Objects.requireNonNull(signals, "signals");
        lock.lock();
        try {
            ensureOpen();
            for (SignalInfo info : signals) {
                Objects.requireNonNull(info, "signal info");
                markPending(System.nanoTime());
                pendingDescriptions.put(info.signal(), info);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a gap; written with the next flush.
     *
     * @throws IllegalArgumentException if a time lies more than about 285,000 years from 1970
     * @throws IllegalStateException    if the sink is closed
     */
    @Override
    public void gap(TelemetryGap gap) {
        Objects.requireNonNull(gap, "gap");
        checkTime(gap.start(), "gap start", gap.signal());
        checkTime(gap.end(), "gap end", gap.signal());
        lock.lock();
        try {
            ensureOpen();
            markPending(System.nanoTime());
            pendingGaps.add(gap);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and commits everything taken so far.
     *
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if writing failed; the rows stay waiting for the next flush
     */
    @Override
    public void flush() {
        lock.lock();
        try {
            ensureOpen();
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes and closes the database. Idempotent. If the final write fails the database is closed
     * anyway and a {@link TelemetryException} says how many samples were not stored.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            TelemetryException failure = null;
            try {
                flushLocked();
            } catch (TelemetryException e) {
                failure = new TelemetryException("closed DuckDB database " + name + " without storing "
                        + pendingSamples.size() + " samples, " + pendingGaps.size() + " gaps and "
                        + pendingDescriptions.size() + " signal descriptions: " + e.getMessage(), e);
            }
            try {
                connection.close();
            } catch (SQLException e) {
                TelemetryException closeFailure = new TelemetryException(
                        "cannot close DuckDB database " + name + ": " + e.getMessage(), e);
                if (failure == null) {
                    failure = closeFailure;
                } else {
                    failure.addSuppressed(closeFailure);
                }
            }
            LOG.debug("closed DuckDB telemetry store {}", name);
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of samples stored, after flushing.
     *
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if the flush or the query failed
     */
    public long sampleCount() {
        return read("count samples", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM samples")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * One summary per signal that has samples, gaps or a catalogue entry, ordered by signal, after
     * flushing. See {@link SignalSummary} for what the numbers cover.
     *
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if the flush or the query failed
     */
    public List<SignalSummary> summary() {
        return read("summarise signals", connection -> {
            List<SignalSummary> result = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(SUMMARY)) {
                while (rs.next()) {
                    result.add(new SignalSummary(SignalId.of(rs.getString(1)), rs.getLong(2),
                            rs.getLong(3), optionalDouble(rs, 4), optionalDouble(rs, 5),
                            optionalDouble(rs, 6), rs.getLong(7),
                            Duration.of(rs.getLong(8), ChronoUnit.MICROS)));
                }
            }
            return List.copyOf(result);
        });
    }

    /**
     * Every gap stored, ordered by signal, start and end, after flushing. Times are to the
     * microsecond.
     *
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if the flush or the query failed
     */
    public List<TelemetryGap> gaps() {
        return read("list gaps", connection -> {
            List<TelemetryGap> result = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT signal, epoch_us(gap_start),"
                         + " epoch_us(gap_end), reason FROM gaps ORDER BY signal, gap_start, gap_end")) {
                while (rs.next()) {
                    result.add(new TelemetryGap(SignalId.of(rs.getString(1)), ofEpochMicros(rs.getLong(2)),
                            ofEpochMicros(rs.getLong(3)), rs.getString(4)));
                }
            }
            return List.copyOf(result);
        });
    }

    /**
     * Runs a query of the user's on this sink's database after flushing, under the sink's lock, and
     * hands its result to {@code handler}. Meant for reading (the schema is in the class
     * documentation); the query runs in its own transaction, committed afterwards.
     *
     * @return what {@code handler} returned
     * @throws SQLException          if the query or the handler failed
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if flushing failed
     */
    public <T> T query(String sql, ResultSetHandler<T> handler) throws SQLException {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(handler, "handler");
        lock.lock();
        try {
            ensureOpen();
            flushLocked();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(sql)) {
                T result = handler.handle(rs);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes, then writes the three tables as zstd-compressed Parquet files into
     * {@code directory} (created if missing): {@code samples.parquet} ordered by signal and source
     * time, {@code signals.parquet} and {@code gaps.parquet}. Each file is written to a temporary
     * file in the same directory and then renamed over the target (atomically where the file
     * system supports it), so a reader never sees a half-written file.
     *
     * @throws IOException           if a file could not be written; the message names it
     * @throws IllegalStateException if the sink is closed
     * @throws TelemetryException    if flushing failed
     */
    public ParquetExport exportParquet(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        lock.lock();
        try {
            ensureOpen();
            flushLocked();
            return ParquetWriter.export(connection, directory.toAbsolutePath().normalize());
        } finally {
            rollbackQuietly(null);
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Read<T> {
        T apply(DuckDBConnection connection) throws SQLException;
    }

    private <T> T read(String what, Read<T> read) {
        lock.lock();
        try {
            ensureOpen();
            flushLocked();
            try {
                T result = read.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(e);
                throw new TelemetryException("cannot " + what + " in DuckDB database " + name + ": "
                        + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("DuckDB sink " + name + " is closed");
        }
    }

    private boolean isPending() {
        return !pendingSamples.isEmpty() || !pendingGaps.isEmpty() || !pendingDescriptions.isEmpty();
    }

    private void markPending(long nowNanos) {
        if (!isPending()) {
            pendingSinceNanos = nowNanos;
        }
    }

    /** Writes everything waiting in one transaction; on failure rolls back and keeps it waiting. */
    private void flushLocked() {
        if (!isPending()) {
            return;
        }
        try {
            if (!pendingDescriptions.isEmpty()) {
                writeDescriptions();
            }
            if (!pendingSamples.isEmpty()) {
                writeSamples();
            }
            if (!pendingGaps.isEmpty()) {
                writeGaps();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw new TelemetryException("cannot write " + pendingSamples.size() + " samples, "
                    + pendingGaps.size() + " gaps and " + pendingDescriptions.size()
                    + " signal descriptions to DuckDB database " + name + ": " + e.getMessage(), e);
        }
        pendingSamples.clear();
        pendingGaps.clear();
        pendingDescriptions.clear();
    }

    private void writeDescriptions() throws SQLException {
        try (DuckDBAppender appender = connection.createAppender("temp", "main", "industry4_describe_stage")) {
            for (SignalInfo info : pendingDescriptions.values()) {
                appender.beginRow()
                        .append(info.signal().value())
                        .append(info.source())
                        .append(info.dataType())
                        .append(info.unit())
                        .append(info.description())
                        .endRow();
            }
            appender.flush();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(MERGE_DESCRIPTIONS);
            statement.execute("DELETE FROM temp.industry4_describe_stage");
        }
    }

    /** Per-signal first and last source time and count of the samples in one flush. */
    private static final class Seen {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
    }

    private void writeSamples() throws SQLException {
        Map<SignalId, Seen> seen = new HashMap<>();
        try (DuckDBAppender appender = connection.createAppender("samples")) {
            for (int i = 0, n = pendingSamples.size(); i < n; i++) {
                TelemetrySample sample = pendingSamples.get(i);
                long source = epochMicros(sample.sourceTime());
                appender.beginRow()
                        .append(sample.signal().value())
                        .appendEpochMicros(source)
                        .appendEpochMicros(epochMicros(sample.serverTime()));
                if (Double.isNaN(sample.value())) {
                    appender.appendNull();
                } else {
                    appender.append(sample.value());
                }
                appender.append(qualityName(sample.quality())).endRow();
                Seen s = seen.computeIfAbsent(sample.signal(), k -> new Seen());
                s.first = Math.min(s.first, source);
                s.last = Math.max(s.last, source);
                s.count++;
            }
            appender.flush();
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", "industry4_seen_stage")) {
            for (Map.Entry<SignalId, Seen> e : seen.entrySet()) {
                Seen s = e.getValue();
                appender.beginRow()
                        .append(e.getKey().value())
                        .appendEpochMicros(s.first)
                        .appendEpochMicros(s.last)
                        .append(s.count)
                        .endRow();
            }
            appender.flush();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(MERGE_SEEN);
            statement.execute("DELETE FROM temp.industry4_seen_stage");
        }
    }

    private void writeGaps() throws SQLException {
        try (DuckDBAppender appender = connection.createAppender("gaps")) {
            for (TelemetryGap gap : pendingGaps) {
                appender.beginRow()
                        .append(gap.signal().value())
                        .appendEpochMicros(epochMicros(gap.start()))
                        .appendEpochMicros(epochMicros(gap.end()))
                        .append(gap.reason())
                        .endRow();
            }
            appender.flush();
        }
    }

    private static String qualityName(Quality quality) {
        return switch (quality) {
            case GOOD -> "GOOD";
            case UNCERTAIN -> "UNCERTAIN";
            case BAD -> "BAD";
        };
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                LOG.warn("cannot roll back on DuckDB database {}: {}", name, e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static OptionalDouble optionalDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static void checkTime(Instant time, String what, SignalId signal) {
        if (Math.abs(time.getEpochSecond()) > MAX_ABS_EPOCH_SECOND) {
            throw new IllegalArgumentException(what + " of " + signal
                    + " must lie within about 285,000 years of 1970 to be stored, got " + time);
        }
    }

    /** Microseconds since the epoch, sub-microsecond parts truncated towards the past. */
    static long epochMicros(Instant time) {
        return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
    }

    /** The instant {@code micros} microseconds after the epoch. */
    static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}

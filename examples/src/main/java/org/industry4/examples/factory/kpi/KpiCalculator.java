package org.industry4.examples.factory.kpi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.industry4.core.TelemetryException;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.store.DuckDbSink;
import org.industry4.opcua.store.ResultSetHandler;

/**
 * Plant KPIs (OEE and its factors, first-pass yield, MTBF, MTTR, energy) from the telemetry history
 * that {@link DuckDbSink} stores (table {@code samples(signal, source_time, server_time, value,
 * quality)}, signals named {@code <machine>/<path>}), per machine and for the plant, over a window
 * [from, to) of source time (simulated time in the demo).
 *
 * <h2>What is read</h2>
 * Per machine only three signals: {@code <machine>/state} and {@code <machine>/part_count} are
 * pulled into Java in time order (they are published on change, so a window holds few of them), and
 * {@code <machine>/motor_current} is integrated inside DuckDB (a window function and one sum), so its
 * thousands of samples per hour never leave the database. Samples of quality BAD are skipped; ties in
 * time keep arrival order. A machine is a signal {@code <machine>/state} with a sample before the
 * window end.
 *
 * <h2>Time</h2>
 * The state is integrated with a zero-order hold: each state sample holds until the next state
 * sample or the window end; the state before the window's first sample is that of the last sample
 * before the window start, if any; before a machine's first state sample the state is unknown
 * ({@link MachineKpis#noData()}).
 * <ul>
 *   <li>run time = time in IDLE (loading between parts) or RUNNING (cutting);</li>
 *   <li>unplanned downtime = time in ALARM;</li>
 *   <li>planned production time = window length less operator stops (STOPPED, counted as planned
 *       stops) and less time without data. The demo has no shift calendar and no planned
 *       maintenance, so nothing else is taken off; {@code planned = runTime + unplannedDowntime}.</li>
 * </ul>
 *
 * <h2>Parts and quality</h2>
 * Parts in the window = the increments of the cumulative {@code part_count}, counted from the last
 * sample before the window (or, without one, from the window's first sample, whose earlier parts
 * are unknown); a decrease is a counter reset and its new value counts as parts made since. Good
 * parts = parts less the defective {@link PartResult}s of the machine with time in the window; a
 * part without an inspection result counts as good. Each result is a part's first inspection, so
 * first-pass yield equals quality here; the two differ where reworked parts are re-inspected and
 * then count as good for quality but not for first-pass yield.
 *
 * <h2>Failures</h2>
 * A failure is an ALARM episode that begins in the window: a state sample ALARM after a state that
 * was not ALARM (or after no known state: an alarm first seen in the window). An episode already
 * running at the window start is downtime but not a failure of this window and not in MTTR. MTBF =
 * run time / failures; MTTR = mean episode duration, an episode still open at the window end counted
 * up to the end and flagged ({@link MachineKpis#openAlarmAtEnd()}).
 *
 * <h2>Energy</h2>
 * {@code E = sqrt(3) * U * cos(phi) * integral(I dt) + baseLoadKw * runTime}, in kWh, with
 * {@code U}, {@code cos(phi)} and the base load from {@link KpiOptions}. The current integral uses a
 * zero-order hold between consecutive samples of {@code motor_current} (the value holds until the
 * next sample, as publish-on-change data means), clipped to the window; an interval longer than
 * {@link KpiOptions#maxHold()}, and an interval that starts at a BAD sample, is not integrated at
 * all, and nothing is extrapolated past the last sample, so energy over a gap is missing, never
 * guessed. The base load counts in IDLE and RUNNING, not in ALARM or STOPPED.
 *
 * <h2>Errors and threads</h2>
 * Bad arguments throw {@link IllegalArgumentException} naming the value (a window end not after its
 * start, an unknown machine, more defective parts than parts); a failed query a {@link
 * TelemetryException} naming the database and the signal; use after {@link #close()} an {@link
 * IllegalStateException}. Methods are {@code synchronized}: one query runs at a time.
 */
public final class KpiCalculator implements AutoCloseable {

    /** Runs one query and hands its result to a handler (a JDBC connection or a live sink). */
    private interface Sql {
        <T> T query(String sql, ResultSetHandler<T> handler) throws SQLException;
    }

    private final String name;
    private final KpiOptions options;
    private final Sql sql;
    private final Connection owned;
    private boolean closed;

    private KpiCalculator(String name, KpiOptions options, Sql sql, Connection owned) {
        this.name = name;
        this.options = Objects.requireNonNull(options, "options");
        this.sql = sql;
        this.owned = owned;
    }

    /**
     * Opens a DuckDB telemetry file read-only ({@code jdbc:duckdb:<file>} with {@code
     * duckdb.read_only=true}); {@link #close()} closes it. DuckDB lets one process write a file, so
     * open it after the writing sink is closed, or use {@link #of(DuckDbSink, KpiOptions)} on the
     * live sink.
     *
     * @param duckDbFile the database written by a {@link DuckDbSink}
     * @param options ideal cycle time and electrical model
     * @return a calculator owning its connection
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be opened (not a DuckDB file, locked by a writer)
     */
    public static KpiCalculator open(Path duckDbFile, KpiOptions options) throws IOException {
        Objects.requireNonNull(duckDbFile, "duckDbFile");
        Objects.requireNonNull(options, "options");
        Path file = duckDbFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no DuckDB database file to read KPIs from");
        }
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties);
        } catch (SQLException e) {
            throw new IOException("cannot open DuckDB database " + file + " read-only: " + e.getMessage(), e);
        }
        return new KpiCalculator(file.toString(), options, direct(connection), connection);
    }

    /**
     * A calculator on an open JDBC connection to a database with the {@link DuckDbSink} schema; the
     * caller keeps ownership ({@link #close()} does not close it).
     *
     * @param connection e.g. {@code DriverManager.getConnection("jdbc:duckdb:...")}
     * @param options ideal cycle time and electrical model
     * @return a calculator
     */
    public static KpiCalculator of(Connection connection, KpiOptions options) {
        Objects.requireNonNull(connection, "connection");
        return new KpiCalculator(String.valueOf(connection), options, direct(connection), null);
    }

    /**
     * A calculator that queries a live sink through {@link DuckDbSink#query}, which flushes first,
     * so KPIs include every sample accepted so far; the caller keeps ownership of the sink.
     *
     * @param sink an open sink
     * @param options ideal cycle time and electrical model
     * @return a calculator
     */
    public static KpiCalculator of(DuckDbSink sink, KpiOptions options) {
        Objects.requireNonNull(sink, "sink");
        return new KpiCalculator(sink.name(), options, sink::query, null);
    }

    private static Sql direct(Connection connection) {
        return new Sql() {
            @Override
            public <T> T query(String text, ResultSetHandler<T> handler) throws SQLException {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(text)) {
                    return handler.handle(rs);
                }
            }
        };
    }

    /** The options in use. */
    public KpiOptions options() {
        return options;
    }

    /**
     * The machines with a state sample before {@code to}, ordered by id.
     *
     * @param to the window end
     * @return machine ids, e.g. {@code [cnc-01, cnc-02]}
     */
    public synchronized List<String> machineIds(Instant to) {
        Objects.requireNonNull(to, "to");
        ensureOpen();
        String suffix = "/" + MachineSignal.STATE.path();
        String text = "SELECT DISTINCT signal FROM samples WHERE signal LIKE '%" + suffix + "'"
                + " AND epoch_us(source_time) < " + micros(to) + " ORDER BY signal";
        return run("list machines", text, rs -> {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                String signal = rs.getString(1);
                String id = signal.substring(0, signal.length() - suffix.length());
                if (!id.isEmpty() && id.indexOf('/') < 0) {
                    ids.add(id);
                }
            }
            return List.copyOf(ids);
        });
    }

    /**
     * The KPIs of one machine over [from, to).
     *
     * @param machineId e.g. {@code cnc-01}
     * @param from window start, inclusive
     * @param to window end, exclusive, after {@code from}
     * @param inspections inspection results; those of other machines or outside the window are
     *     ignored
     * @return the machine's KPIs
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, the machine has no
     *     state sample before {@code to} (the message lists the machines that have), or the results
     *     report more defective parts than the part counter counted
     */
    public synchronized MachineKpis machine(String machineId, Instant from, Instant to,
            List<PartResult> inspections) {
        Objects.requireNonNull(machineId, "machineId");
        checkWindow(from, to);
        Objects.requireNonNull(inspections, "inspections");
        ensureOpen();
        return totals(machineId, from, to, inspections).toKpis(options);
    }

    /**
     * The KPIs of every machine with data ({@link #machineIds(Instant)}) over [from, to), and of the
     * plant from their summed times, parts, failures and energy (see {@link PlantKpis}).
     *
     * @param from window start, inclusive
     * @param to window end, exclusive, after {@code from}
     * @param inspections inspection results of any machines
     * @return per-machine and plant KPIs
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, no machine has data
     *     before {@code to}, or results report more defective parts than a machine made
     */
    public synchronized PlantKpis plant(Instant from, Instant to, List<PartResult> inspections) {
        checkWindow(from, to);
        Objects.requireNonNull(inspections, "inspections");
        ensureOpen();
        List<String> ids = machineIds(to);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no machine has a state sample before " + to + " in " + name);
        }
        List<MachineKpis> machines = new ArrayList<>(ids.size());
        KpiTotals sum = KpiTotals.zero(PlantKpis.PLANT_ID);
        for (String id : ids) {
            KpiTotals totals = totals(id, from, to, inspections);
            machines.add(totals.toKpis(options));
            sum = sum.plus(PlantKpis.PLANT_ID, totals);
        }
        return new PlantKpis(from, to, machines, sum.toKpis(options));
    }

    private KpiTotals totals(String machineId, Instant from, Instant to, List<PartResult> inspections) {
        long f = micros(from);
        long t = micros(to);
        List<long[]> states = series(machineId, MachineSignal.STATE, f, t);
        if (states.isEmpty() || states.get(0)[0] >= t) {
            throw new IllegalArgumentException("machine '" + machineId + "' has no state sample before " + to
                    + " in " + name + "; machines with data: " + machineIds(to));
        }
        int first = 0;
        MachineState before = null;
        if (states.get(0)[0] < f) {
            before = state(machineId, states.get(0));
            first = 1;
        }
        StateTimeline timeline = new StateTimeline(f, t, before);
        for (int i = first; i < states.size(); i++) {
            timeline.add(states.get(i)[0], state(machineId, states.get(i)));
        }
        StateTimeline.Result time = timeline.finish();

        long parts = parts(machineId, series(machineId, MachineSignal.PART_COUNT, f, t));
        long defective = 0;
        for (PartResult r : inspections) {
            Objects.requireNonNull(r, "inspection result");
            if (r.machineId().equals(machineId) && r.defective()
                    && !r.time().isBefore(from) && r.time().isBefore(to)) {
                defective++;
            }
        }
        if (defective > parts) {
            throw new IllegalArgumentException("inspections report " + defective + " defective parts of machine '"
                    + machineId + "' in [" + from + ", " + to + ") but its part counter counted " + parts);
        }
        double ampereSeconds = currentIntegral(machineId, f, t) / 1e6;
        double energyKwh = options.wattsPerAmpere() * ampereSeconds / 3.6e6
                + options.baseLoadKw() * time.run() / 3.6e9;
        return new KpiTotals(machineId, time.run(), time.alarm(), time.stopped(), time.noData(), parts,
                parts - defective, parts - defective, time.failures(), time.repair(), time.openAtEnd(),
                energyKwh);
    }

    /**
     * The last good sample of a signal before {@code from} (if any) followed by its good samples in
     * [from, to), in time order, as {time in microseconds, value bits}.
     */
    private List<long[]> series(String machineId, MachineSignal signal, long from, long to) {
        String id = literal(machineId + "/" + signal.path());
        String good = "signal = " + id + " AND quality <> 'BAD' AND value IS NOT NULL";
        String text = "SELECT t, v FROM ("
                + "(SELECT epoch_us(source_time) AS t, value AS v, rowid AS r FROM samples WHERE " + good
                + " AND epoch_us(source_time) < " + from + " ORDER BY t DESC, r DESC LIMIT 1)"
                + " UNION ALL (SELECT epoch_us(source_time) AS t, value AS v, rowid AS r FROM samples WHERE "
                + good + " AND epoch_us(source_time) >= " + from + " AND epoch_us(source_time) < " + to
                + ")) ORDER BY t, r";
        return run("read " + machineId + "/" + signal.path(), text, rs -> {
            List<long[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), Double.doubleToLongBits(rs.getDouble(2))});
            }
            return rows;
        });
    }

    /** The integral of the motor current over [from, to), ampere-microseconds; see the class notes. */
    private double currentIntegral(String machineId, long from, long to) {
        long hold = options.maxHold().toNanos() / 1_000;
        String text = "SELECT coalesce(sum(v * (least(nt, " + to + ") - greatest(t, " + from + "))), 0) FROM ("
                + "SELECT epoch_us(source_time) AS t, CASE WHEN quality <> 'BAD' THEN value END AS v,"
                + " lead(epoch_us(source_time)) OVER (ORDER BY source_time, rowid) AS nt FROM samples"
                + " WHERE signal = " + literal(machineId + "/" + MachineSignal.MOTOR_CURRENT.path())
                + " AND epoch_us(source_time) >= " + (from - hold) + " AND epoch_us(source_time) <= "
                + (to + hold) + ") WHERE v IS NOT NULL AND nt IS NOT NULL AND t < " + to + " AND nt > " + from
                + " AND nt - t <= " + hold;
        return run("integrate " + machineId + "/motor_current", text, rs -> {
            rs.next();
            return rs.getDouble(1);
        });
    }

    private static MachineState state(String machineId, long[] row) {
        double v = Double.longBitsToDouble(row[1]);
        if (v != Math.rint(v) || v < 0 || v > 3) {
            throw new IllegalArgumentException(machineId + "/state at " + instant(row[0])
                    + " must be a state code 0..3, got " + v);
        }
        return MachineState.fromCode((int) v);
    }

    /** Parts finished: increments of the counter after its first sample; a decrease is a reset. */
    private static long parts(String machineId, List<long[]> counts) {
        long parts = 0;
        long previous = -1;
        for (long[] row : counts) {
            double v = Double.longBitsToDouble(row[1]);
            if (v != Math.rint(v) || v < 0 || v > 1e15) {
                throw new IllegalArgumentException(machineId + "/part_count at " + instant(row[0])
                        + " must be a whole number >= 0, got " + v);
            }
            long count = (long) v;
            if (previous >= 0) {
                parts += count >= previous ? count - previous : count;
            }
            previous = count;
        }
        return parts;
    }

    private <T> T run(String what, String text, ResultSetHandler<T> handler) {
        try {
            return sql.query(text, handler);
        } catch (SQLException e) {
            throw new TelemetryException("cannot " + what + " in DuckDB database " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (micros(to) <= micros(from)) {
            throw new IllegalArgumentException("window end must be at least 1 us after its start " + from
                    + ", got " + to);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("KPI calculator on " + name + " is closed");
        }
    }

    /** Microseconds since the epoch, truncated towards the past, as the sink stores times. */
    static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Closes the connection if {@link #open} made it; idempotent, throws nothing checked. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned != null) {
            try {
                owned.close();
            } catch (SQLException e) {
                throw new TelemetryException("cannot close DuckDB database " + name + ": " + e.getMessage(), e);
            }
        }
    }
}

package org.industry4.opcua.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic, seeded simulation of CNC machines: the physics behind the simulated OPC UA
 * server, usable on its own (no threads, no I/O).
 *
 * <p>Per machine and tick: the spindle speed follows its setpoint with a first-order lag (time
 * constant {@value #SPEED_TAU_S} s); the machine cuts a part (20 s at 100 % feed), then spends
 * {@value #LOAD_SECONDS} s unloading and loading with the spindle off, counting one part per cycle;
 * the cutting load is speed times feed; the motor current follows the load and the tool wear;
 * spindle and bearing temperatures approach a load- and coolant-dependent equilibrium with
 * first-order thermal dynamics; the tool wears while cutting and is changed after the part that
 * brings it past {@value #TOOL_CHANGE_AT} of its life; the bearing wears with running time
 * (run-to-failure: at rated speed a new bearing lasts {@link SimulationOptions#failureHorizon()}),
 * raising vibration and bearing temperature, with a logged {@link FaultKind#BEARING_DEFECT} at
 * wear {@value #DEFECT_ONSET_WEAR} and an alarm at wear 1. Faults can be injected ({@link
 * #injectFault}); the ground-truth log ({@link #groundTruth()}) records when each began. Machines
 * start cold (at ambient temperature, spindle off).
 *
 * <p>Determinism: every random draw comes from a {@link SplittableRandom} per machine split from
 * {@link SimulationOptions#seed()}; the same options and the same sequence of calls give the same
 * values, bit for bit.
 *
 * <p>Thread-safety: every public method is {@code synchronized} on this object. The {@link
 * SimulatedMachineServer} steps it on its own thread while holding this object's monitor, so a
 * caller that wants several reads from the same tick holds the monitor too: {@code
 * synchronized (sim) { ... }}.
 */
public final class MachineSimulation {

    /** Rated spindle speed, rpm: the load and the wear are relative to it. */
    public static final double RATED_SPEED_RPM = 12_000;
    /** Ambient temperature, degrees Celsius. */
    public static final double AMBIENT_C = 22;
    /** Time constant of the spindle speed response, seconds. */
    public static final double SPEED_TAU_S = 1.5;
    /** Thermal time constant of the spindle motor, seconds. */
    public static final double SPINDLE_TEMP_TAU_S = 90;
    /** Thermal time constant of the bearing, seconds. */
    public static final double BEARING_TEMP_TAU_S = 150;
    /** Cutting time of one part at 100 % feed, seconds. */
    public static final double CUT_SECONDS = 20;
    /** Unloading and loading time between parts, seconds. */
    public static final double LOAD_SECONDS = 4;
    /** Extra time of a tool change, seconds. */
    public static final double TOOL_CHANGE_SECONDS = 6;
    /** Tool life when cutting at rated speed and 100 % feed, seconds. */
    public static final double TOOL_LIFE_SECONDS = 600;
    /** Tool wear after which the tool is changed at the end of the part. */
    public static final double TOOL_CHANGE_AT = 0.9;
    /** Bearing wear at which a bearing defect begins on its own (logged in the ground truth). */
    public static final double DEFECT_ONSET_WEAR = 0.6;
    /** Seconds for a bearing defect to grow to full severity. */
    public static final double DEFECT_GROWTH_S = 120;
    /** Vibration, g RMS, above which the machine goes to alarm. */
    public static final double VIBRATION_TRIP_G = 5;
    /** Spindle temperature, degrees Celsius, above which thermal protection trips (alarm). */
    public static final double SPINDLE_TEMP_TRIP_C = 85;
    /** Rate at which the equilibrium temperature climbs after a coolant failure, C/s. */
    public static final double OVERHEAT_RATE_C_PER_S = 0.5;
    /** Duration of the current spike of a tool breakage, seconds. */
    public static final double BREAKAGE_SPIKE_S = 0.5;
    /** Duration of a sensor dropout, seconds. */
    public static final double DROPOUT_S = 5;

    private static final MachineSignal[] MEASURED = {
        MachineSignal.SPINDLE_SPEED,
        MachineSignal.VIBRATION,
        MachineSignal.BEARING_TEMP,
        MachineSignal.SPINDLE_TEMP,
        MachineSignal.MOTOR_CURRENT,
        MachineSignal.TOOL_WEAR,
        MachineSignal.PART_COUNT,
        MachineSignal.STATE
    };
    private static final MachineSignal[] SENSOR_FAULT_CANDIDATES = {
        MachineSignal.SPINDLE_SPEED,
        MachineSignal.VIBRATION,
        MachineSignal.BEARING_TEMP,
        MachineSignal.SPINDLE_TEMP,
        MachineSignal.MOTOR_CURRENT,
        MachineSignal.TOOL_WEAR
    };
    private static final int SIGNALS = MachineSignal.values().length;

    private final SimulationOptions options;
    private final double dt;
    private final double speedAlpha;
    private final double spindleTempAlpha;
    private final double bearingTempAlpha;
    private final Machine[] machines;
    private final List<String> machineIds;
    private final Map<String, Machine> byId = new HashMap<>();
    private final List<FaultEvent> groundTruth = new ArrayList<>();
    private long tick;
    private Instant time;

    /**
     * A simulation whose clock starts now.
     *
     * @param options size, tick and seed
     */
    public MachineSimulation(SimulationOptions options) {
        this(options, Instant.now());
    }

    /**
     * A simulation whose clock starts at {@code start}; {@link #step()} advances it by one tick.
     *
     * @param options size, tick and seed
     * @param start the time of tick 0
     */
    public MachineSimulation(SimulationOptions options, Instant start) {
        this.options = Objects.requireNonNull(options, "options");
        this.time = Objects.requireNonNull(start, "start");
        this.dt = options.tickSeconds();
        this.speedAlpha = 1 - Math.exp(-dt / SPEED_TAU_S);
        this.spindleTempAlpha = 1 - Math.exp(-dt / SPINDLE_TEMP_TAU_S);
        this.bearingTempAlpha = 1 - Math.exp(-dt / BEARING_TEMP_TAU_S);
        SplittableRandom root = new SplittableRandom(options.seed());
        machines = new Machine[options.machines()];
        List<String> ids = new ArrayList<>(options.machines());
        for (int m = 0; m < machines.length; m++) {
            String id = String.format("cnc-%02d", m + 1);
            machines[m] = new Machine(id, m, root.split(), options.extraTagsPerMachine());
            ids.add(id);
            byId.put(id, machines[m]);
        }
        machineIds = List.copyOf(ids);
    }

    /** The options this simulation was built with. */
    public SimulationOptions options() {
        return options;
    }

    /** Advances one tick: the clock moves by {@link SimulationOptions#tick()}. */
    public synchronized void step() {
        step(time.plus(options.tick()));
    }

    /**
     * Advances one tick and records {@code wallTime} as its time (the server passes the wall clock,
     * so source timestamps and ground truth use real time). The physics always advances by {@link
     * SimulationOptions#tick()}.
     *
     * @param wallTime the time of the new tick
     */
    public synchronized void step(Instant wallTime) {
        Objects.requireNonNull(wallTime, "wallTime");
        tick++;
        time = wallTime;
        for (Machine m : machines) {
            m.step();
        }
    }

    /** Ticks done so far. */
    public synchronized long tick() {
        return tick;
    }

    /** The time of the current tick. */
    public synchronized Instant time() {
        return time;
    }

    /** Machine ids in order: {@code cnc-01}, {@code cnc-02}, ... */
    public List<String> machineIds() {
        return machineIds;
    }

    /**
     * The value a signal reports now: for a stuck sensor its frozen value, during a dropout (see
     * {@link #isGood}) the last value it reported before the dropout. Setpoints report the setpoint
     * (coolant: 1 on, 0 off); {@code state} its {@link MachineState#code()}.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param signal which signal
     * @return the reported value
     */
    public synchronized double value(String machineId, MachineSignal signal) {
        Objects.requireNonNull(signal, "signal");
        return machine(machineId).reported[signal.ordinal()];
    }

    /**
     * The physical value, without sensor faults (ground truth for a stuck or dropped-out sensor).
     *
     * @param machineId e.g. {@code cnc-01}
     * @param signal which signal
     * @return the true value
     */
    public synchronized double trueValue(String machineId, MachineSignal signal) {
        Objects.requireNonNull(signal, "signal");
        return machine(machineId).truth[signal.ordinal()];
    }

    /**
     * Whether the signal's sensor delivers a value now; {@code false} during a {@link
     * FaultKind#SENSOR_DROPOUT}, when the server publishes {@code Bad_SensorFailure}.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param signal which signal
     * @return whether the reading is good
     */
    public synchronized boolean isGood(String machineId, MachineSignal signal) {
        Objects.requireNonNull(signal, "signal");
        return machine(machineId).dropoutTicks[signal.ordinal()] <= 0;
    }

    /**
     * The machine's state.
     *
     * @param machineId e.g. {@code cnc-01}
     * @return its state
     */
    public synchronized MachineState state(String machineId) {
        return machine(machineId).state;
    }

    /**
     * Parts finished since start.
     *
     * @param machineId e.g. {@code cnc-01}
     * @return the part count
     */
    public synchronized long partCount(String machineId) {
        return machine(machineId).partCount;
    }

    /**
     * Bearing wear, 0 (new) .. 1 (failed); not a published signal but ground truth for
     * remaining-useful-life models.
     *
     * @param machineId e.g. {@code cnc-01}
     * @return wear in 0..1
     */
    public synchronized double bearingWear(String machineId) {
        return machine(machineId).wear;
    }

    /**
     * The value of an extra load-test tag.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param tag 0 .. extraTagsPerMachine - 1
     * @return its value
     */
    public synchronized double extraValue(String machineId, int tag) {
        Machine m = machine(machineId);
        if (tag < 0 || tag >= m.extra.length) {
            throw new IllegalArgumentException(
                    "tag must be in 0.." + (m.extra.length - 1) + ", got " + tag);
        }
        return m.extra[tag];
    }

    /** The spindle speed setpoint of a machine, rpm. */
    public synchronized double spindleSpeedSetpoint(String machineId) {
        return machine(machineId).speedSetpoint;
    }

    /** The feed override of a machine, percent. */
    public synchronized double feedOverride(String machineId) {
        return machine(machineId).feedOverride;
    }

    /** Whether the coolant of a machine is switched on. */
    public synchronized boolean coolantOn(String machineId) {
        return machine(machineId).coolantOn;
    }

    /**
     * Sets the spindle speed setpoint; 0 stops the machine (state {@link MachineState#STOPPED}).
     *
     * @param machineId e.g. {@code cnc-01}
     * @param rpm 0..24,000
     * @throws IllegalArgumentException if out of range or not finite
     */
    public synchronized void setSpindleSpeedSetpoint(String machineId, double rpm) {
        checkSetpoint(MachineSignal.SPINDLE_SPEED_SETPOINT, rpm);
        Machine m = machine(machineId);
        m.speedSetpoint = rpm;
        m.publishSetpoints();
    }

    /**
     * Sets the feed override.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param percent 0..150
     * @throws IllegalArgumentException if out of range or not finite
     */
    public synchronized void setFeedOverride(String machineId, double percent) {
        checkSetpoint(MachineSignal.FEED_OVERRIDE_SETPOINT, percent);
        Machine m = machine(machineId);
        m.feedOverride = percent;
        m.publishSetpoints();
    }

    /**
     * Switches the coolant on or off; off raises the spindle temperature's equilibrium.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param on whether the coolant runs
     */
    public synchronized void setCoolantOn(String machineId, boolean on) {
        Machine m = machine(machineId);
        m.coolantOn = on;
        m.publishSetpoints();
    }

    /**
     * Whether {@code value} is an accepted value of a Double setpoint.
     *
     * @param setpoint {@link MachineSignal#SPINDLE_SPEED_SETPOINT} or {@link
     *     MachineSignal#FEED_OVERRIDE_SETPOINT}
     * @param value the candidate
     * @return true if finite and within the setpoint's range
     */
    public static boolean inRange(MachineSignal setpoint, double value) {
        return Double.isFinite(value) && value >= setpoint.euLow() && value <= setpoint.euHigh();
    }

    private static void checkSetpoint(MachineSignal setpoint, double value) {
        if (!inRange(setpoint, value)) {
            throw new IllegalArgumentException(
                    setpoint.path() + " must be in " + (long) setpoint.euLow() + ".." + (long) setpoint.euHigh()
                            + " " + setpoint.unit() + ", got " + value);
        }
    }

    /**
     * Injects a fault that begins now, at the current tick, and logs it in the ground truth. For a
     * sensor fault the affected signal is drawn from the machine's fault random stream (one of the
     * six analog measurements); use {@link #injectFault(String, FaultKind, MachineSignal)} to choose
     * it.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param kind the fault
     */
    public synchronized void injectFault(String machineId, FaultKind kind) {
        Objects.requireNonNull(kind, "kind");
        Machine m = machine(machineId);
        MachineSignal signal = null;
        if (kind == FaultKind.SENSOR_DROPOUT || kind == FaultKind.STUCK_SENSOR) {
            signal = SENSOR_FAULT_CANDIDATES[m.faultRandom.nextInt(SENSOR_FAULT_CANDIDATES.length)];
        }
        inject(m, kind, signal);
    }

    /**
     * Injects a fault on a chosen signal.
     *
     * @param machineId e.g. {@code cnc-01}
     * @param kind the fault
     * @param signal for {@link FaultKind#SENSOR_DROPOUT} and {@link FaultKind#STUCK_SENSOR} a
     *     measured signal (not a setpoint); ignored for the physical faults
     */
    public synchronized void injectFault(String machineId, FaultKind kind, MachineSignal signal) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signal, "signal");
        Machine m = machine(machineId);
        boolean sensorFault = kind == FaultKind.SENSOR_DROPOUT || kind == FaultKind.STUCK_SENSOR;
        if (sensorFault && signal.isSetpoint()) {
            throw new IllegalArgumentException(
                    "a sensor fault needs a measured signal, got setpoint " + signal.path());
        }
        inject(m, kind, sensorFault ? signal : null);
    }

    private void inject(Machine m, FaultKind kind, MachineSignal signal) {
        switch (kind) {
            case BEARING_DEFECT -> m.defect = Math.max(m.defect, 1e-3);
            case OVERHEATING -> m.coolantFailed = true;
            case TOOL_BREAKAGE -> m.breakageSpikeTicks = Math.max(1, ticksFor(BREAKAGE_SPIKE_S));
            case SENSOR_DROPOUT -> m.dropoutTicks[signal.ordinal()] = Math.max(1, ticksFor(DROPOUT_S));
            case STUCK_SENSOR -> m.stuck[signal.ordinal()] = true;
        }
        groundTruth.add(
                new FaultEvent(m.id, kind, signal == null ? "" : signal.path(), tick, time));
    }

    /**
     * Repairs a machine: clears every fault and alarm, fits a new bearing and a new tool. Not logged.
     *
     * @param machineId e.g. {@code cnc-01}
     */
    public synchronized void repair(String machineId) {
        machine(machineId).repair();
    }

    /** The ground-truth log: every fault in the order it began. */
    public synchronized List<FaultEvent> groundTruth() {
        return List.copyOf(groundTruth);
    }

    private int ticksFor(double seconds) {
        return (int) Math.ceil(seconds / dt - 1e-9);
    }

    private Machine machine(String machineId) {
        Objects.requireNonNull(machineId, "machineId");
        Machine m = byId.get(machineId);
        if (m == null) {
            throw new IllegalArgumentException(
                    "unknown machine '" + machineId + "', known: " + machineIds);
        }
        return m;
    }

    // ---- fast access for the server (caller holds this object's monitor) ----

    int machineCount() {
        return machines.length;
    }

    double reportedAt(int machine, int signalOrdinal) {
        return machines[machine].reported[signalOrdinal];
    }

    boolean goodAt(int machine, int signalOrdinal) {
        return machines[machine].dropoutTicks[signalOrdinal] <= 0;
    }

    double extraAt(int machine, int tag) {
        return machines[machine].extra[tag];
    }

    /** One machine's state; all fields guarded by the simulation's monitor. */
    private final class Machine {
        final String id;
        final SplittableRandom random;
        final SplittableRandom faultRandom;
        final double[] truth = new double[SIGNALS];
        final double[] reported = new double[SIGNALS];
        final int[] dropoutTicks = new int[SIGNALS];
        final boolean[] stuck = new boolean[SIGNALS];
        final double[] extra;
        final double[] extraOmega;
        final double[] extraPhase;
        final double[] extraOffset;

        double speedSetpoint;
        double feedOverride = 100;
        boolean coolantOn = true;

        double speed;
        double spindleTemp;
        double bearingTemp;
        double toolWear;
        long partCount;
        MachineState state = MachineState.IDLE;
        double cutProgress;
        double idleRemaining;
        double wear;
        double defect;
        boolean coolantFailed;
        double overheat;
        int breakageSpikeTicks;

        Machine(String id, int index, SplittableRandom random, int extraTags) {
            this.id = id;
            this.random = random;
            this.faultRandom = random.split();
            speedSetpoint = 8_000 + 500 * (index % 5);
            spindleTemp = AMBIENT_C + random.nextDouble();
            bearingTemp = AMBIENT_C + random.nextDouble();
            wear = 0.15 * random.nextDouble();
            toolWear = 0.5 * random.nextDouble();
            idleRemaining = LOAD_SECONDS * random.nextDouble();
            extra = new double[extraTags];
            extraOmega = new double[extraTags];
            extraPhase = new double[extraTags];
            extraOffset = new double[extraTags];
            for (int j = 0; j < extraTags; j++) {
                extraOmega[j] = 2 * Math.PI / (5 + 55 * random.nextDouble());
                extraPhase[j] = 2 * Math.PI * random.nextDouble();
                extraOffset[j] = 20 + 60 * random.nextDouble();
            }
            updateExtras();
            measure(0, 0);
        }

        void step() {
            double previousSpeed = speed;
            if (state != MachineState.ALARM) {
                if (speedSetpoint <= 0) {
                    state = MachineState.STOPPED;
                } else if (state == MachineState.STOPPED) {
                    state = MachineState.IDLE;
                    idleRemaining = LOAD_SECONDS;
                }
            }
            double target = state == MachineState.RUNNING ? speedSetpoint : 0;
            speed += (target - speed) * speedAlpha;
            double ratio = speed / RATED_SPEED_RPM;
            double feed = feedOverride / 100;
            boolean cutting =
                    state == MachineState.RUNNING && speedSetpoint > 0 && speed >= 0.8 * speedSetpoint;
            double load = cutting ? ratio * feed : 0;

            // part cycle and tool wear
            if (cutting) {
                cutProgress += dt * feed / CUT_SECONDS;
                toolWear = Math.min(1, toolWear + dt * load / TOOL_LIFE_SECONDS);
                if (cutProgress >= 1) {
                    cutProgress = 0;
                    partCount++;
                    state = MachineState.IDLE;
                    idleRemaining = LOAD_SECONDS;
                    if (toolWear >= TOOL_CHANGE_AT) {
                        toolWear = 0;
                        idleRemaining += TOOL_CHANGE_SECONDS;
                    }
                }
            } else if (state == MachineState.IDLE) {
                idleRemaining -= dt;
                if (idleRemaining <= 0) {
                    state = MachineState.RUNNING;
                }
            }

            // bearing: run-to-failure wear, defect growth
            double horizon = options.failureHorizon().toNanos() / 1e9;
            wear += dt / horizon * 1.1 * (0.5 + wear) * ratio * (1 + 2 * defect);
            if (wear >= DEFECT_ONSET_WEAR && defect == 0) {
                defect = 1e-3;
                groundTruth.add(new FaultEvent(id, FaultKind.BEARING_DEFECT, "", tick, time));
            }
            if (defect > 0) {
                defect = Math.min(1, defect + dt / DEFECT_GROWTH_S);
            }
            wear = Math.min(1, wear);

            // thermal
            boolean cooled = coolantOn && !coolantFailed;
            // The runaway heat comes from running without coolant: it builds while the spindle
            // turns and dies away at the same rate once it stands still (a tripped machine cools).
            if (coolantFailed && speed > 1) {
                overheat += dt * OVERHEAT_RATE_C_PER_S;
            } else if (overheat > 0) {
                overheat = Math.max(0, overheat - dt * OVERHEAT_RATE_C_PER_S);
            }
            double spindleEq = AMBIENT_C + 15 * ratio + 30 * load + (cooled ? 0 : 20) + overheat;
            spindleTemp += (spindleEq - spindleTemp) * spindleTempAlpha;
            double bearingEq =
                    AMBIENT_C + 10 * ratio + 6 * load + 25 * wear * wear * ratio + 30 * defect * ratio;
            bearingTemp += (bearingEq - bearingTemp) * bearingTempAlpha;

            // electrical and mechanical
            double acceleration = Math.abs(speed - previousSpeed) / (RATED_SPEED_RPM * dt);
            double current = 1.5 + 4 * ratio + 25 * load * (1 + 0.5 * toolWear) + 2 * acceleration;
            double vibration =
                    0.15 + 0.5 * ratio + 0.8 * load * (1 + 0.5 * toolWear)
                            + 2.5 * wear * wear * ratio + 6 * defect * ratio;
            if (breakageSpikeTicks > 0) {
                current = 3 * current + 20;
                vibration += 4;
                breakageSpikeTicks--;
                if (breakageSpikeTicks == 0) {
                    alarm();
                }
            }

            // alarms
            if (state != MachineState.ALARM
                    && (wear >= 1 || vibration > VIBRATION_TRIP_G || spindleTemp > SPINDLE_TEMP_TRIP_C)) {
                alarm();
            }

            for (int s = 0; s < SIGNALS; s++) {
                if (dropoutTicks[s] > 0) {
                    dropoutTicks[s]--;
                }
            }
            measure(current, vibration);
            updateExtras();
        }

        private void alarm() {
            state = MachineState.ALARM;
            cutProgress = 0;
        }

        /** Sets true values (with sensor noise) and reported values (after sensor faults). */
        private void measure(double current, double vibration) {
            double nSpeed = random.nextGaussian();
            double nVibration = random.nextGaussian();
            double nBearing = random.nextGaussian();
            double nSpindle = random.nextGaussian();
            double nCurrent = random.nextGaussian();
            truth[MachineSignal.SPINDLE_SPEED.ordinal()] =
                    Math.max(0, speed + nSpeed * Math.max(1, 0.001 * speed));
            truth[MachineSignal.VIBRATION.ordinal()] = Math.max(0, vibration * (1 + 0.03 * nVibration));
            truth[MachineSignal.BEARING_TEMP.ordinal()] = bearingTemp + 0.05 * nBearing;
            truth[MachineSignal.SPINDLE_TEMP.ordinal()] = spindleTemp + 0.05 * nSpindle;
            truth[MachineSignal.MOTOR_CURRENT.ordinal()] = Math.max(0, current + 0.05 * nCurrent);
            truth[MachineSignal.TOOL_WEAR.ordinal()] = toolWear;
            truth[MachineSignal.PART_COUNT.ordinal()] = partCount;
            truth[MachineSignal.STATE.ordinal()] = state.code();
            for (MachineSignal s : MEASURED) {
                int i = s.ordinal();
                if (!stuck[i] && dropoutTicks[i] <= 0) {
                    reported[i] = truth[i];
                }
            }
            publishSetpoints();
        }

        void publishSetpoints() {
            int sp = MachineSignal.SPINDLE_SPEED_SETPOINT.ordinal();
            int fo = MachineSignal.FEED_OVERRIDE_SETPOINT.ordinal();
            int co = MachineSignal.COOLANT_ON_SETPOINT.ordinal();
            truth[sp] = reported[sp] = speedSetpoint;
            truth[fo] = reported[fo] = feedOverride;
            truth[co] = reported[co] = coolantOn ? 1 : 0;
        }

        private void updateExtras() {
            double t = tick * dt;
            for (int j = 0; j < extra.length; j++) {
                extra[j] =
                        extraOffset[j] + 15 * Math.sin(extraOmega[j] * t + extraPhase[j])
                                + (random.nextDouble() - 0.5);
            }
        }

        void repair() {
            wear = 0;
            defect = 0;
            coolantFailed = false;
            overheat = 0;
            breakageSpikeTicks = 0;
            toolWear = 0;
            java.util.Arrays.fill(dropoutTicks, 0);
            java.util.Arrays.fill(stuck, false);
            if (state == MachineState.ALARM || state == MachineState.RUNNING) {
                state = MachineState.IDLE;
                idleRemaining = LOAD_SECONDS;
                cutProgress = 0;
            }
            for (MachineSignal s : MEASURED) {
                reported[s.ordinal()] = truth[s.ordinal()];
            }
            reported[MachineSignal.STATE.ordinal()] = state.code();
            reported[MachineSignal.TOOL_WEAR.ordinal()] = toolWear;
        }
    }
}

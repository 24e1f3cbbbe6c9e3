package org.industry4.opcua.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Size, pace and seed of a {@link MachineSimulation}.
 *
 * <p>Each machine has eight measured signals and three setpoints ({@link MachineSignal}); {@code
 * extraTagsPerMachine} adds that many synthetic {@code Double} tags per machine for load tests (for
 * 10,000 tags use e.g. 1 machine with 10,000 extra tags, or 10 machines with 1,000).
 *
 * @param machines number of simulated CNC machines, {@code cnc-01}, {@code cnc-02}, ... (1..999)
 * @param extraTagsPerMachine synthetic tags per machine that change on every tick (0..100,000)
 * @param tick simulated time per step, and the server's update period (1 ms .. 1 min)
 * @param seed seed of every random draw: same seed and same calls give the same values
 * @param failureHorizon simulated time of continuous running at rated spindle speed after which a
 *     new bearing wears out and the machine goes to alarm (run-to-failure); at least ten ticks
 */
public record SimulationOptions(
        int machines, int extraTagsPerMachine, Duration tick, long seed, Duration failureHorizon) {

    /** Default bearing life at rated speed: two hours of simulated running. */
    public static final Duration DEFAULT_FAILURE_HORIZON = Duration.ofHours(2);

    /** Upper bound of {@code machines}. */
    public static final int MAX_MACHINES = 999;

    /** Upper bound of {@code extraTagsPerMachine}. */
    public static final int MAX_EXTRA_TAGS_PER_MACHINE = 100_000;

    /** Upper bound of {@code machines * extraTagsPerMachine}. */
    public static final int MAX_EXTRA_TAGS = 1_000_000;

    /** Validates every component; see the record description for the ranges. */
    public SimulationOptions {
        if (machines < 1 || machines > MAX_MACHINES) {
            throw new IllegalArgumentException(
                    "machines must be in 1.." + MAX_MACHINES + ", got " + machines);
        }
        if (extraTagsPerMachine < 0 || extraTagsPerMachine > MAX_EXTRA_TAGS_PER_MACHINE) {
            throw new IllegalArgumentException(
                    "extraTagsPerMachine must be in 0.." + MAX_EXTRA_TAGS_PER_MACHINE + ", got "
                            + extraTagsPerMachine);
        }
        if ((long) machines * extraTagsPerMachine > MAX_EXTRA_TAGS) {
            throw new IllegalArgumentException(
                    "machines * extraTagsPerMachine must be <= " + MAX_EXTRA_TAGS + ", got "
                            + ((long) machines * extraTagsPerMachine));
        }
        Objects.requireNonNull(tick, "tick");
        if (tick.compareTo(Duration.ofMillis(1)) < 0 || tick.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("tick must be in 1 ms .. 1 min, got " + tick);
        }
        Objects.requireNonNull(failureHorizon, "failureHorizon");
        if (failureHorizon.compareTo(tick.multipliedBy(10)) < 0) {
            throw new IllegalArgumentException(
                    "failureHorizon must be at least ten ticks (" + tick.multipliedBy(10) + "), got "
                            + failureHorizon);
        }
    }

    /**
     * Options with the {@linkplain #DEFAULT_FAILURE_HORIZON default failure horizon}.
     *
     * @param machines number of machines (1..999)
     * @param extraTagsPerMachine synthetic tags per machine (0..100,000)
     * @param tick simulated time per step (1 ms .. 1 min)
     * @param seed random seed
     */
    public SimulationOptions(int machines, int extraTagsPerMachine, Duration tick, long seed) {
        this(machines, extraTagsPerMachine, tick, seed, DEFAULT_FAILURE_HORIZON);
    }

    /** Three machines, no extra tags, a 100 ms tick, seed 42, two hours of bearing life. */
    public SimulationOptions() {
        this(3, 0, Duration.ofMillis(100), 42L);
    }

    /** Total number of simulated variables: measured signals, setpoints and extra tags. */
    public int totalTags() {
        return machines * (MachineSignal.values().length + extraTagsPerMachine);
    }

    /** The tick in seconds, as used by the physics. */
    double tickSeconds() {
        return tick.toNanos() / 1e9;
    }
}

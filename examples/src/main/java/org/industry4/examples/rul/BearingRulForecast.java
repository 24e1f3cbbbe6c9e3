package org.industry4.examples.rul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.industry4.core.FeatureSchema;
import org.industry4.opcua.sim.MachineSignal;
import org.industry4.opcua.sim.MachineSimulation;
import org.industry4.opcua.sim.MachineState;
import org.industry4.opcua.sim.SimulationOptions;
import org.industry4.rul.OnlineRulEstimator;
import org.industry4.rul.RulEstimate;
import org.industry4.rul.RulModel;
import org.industry4.rul.RulOptions;
import org.industry4.rul.RulTrainer;
import org.industry4.rul.data.PreprocessOptions;
import org.industry4.rul.data.Trajectory;
import org.industry4.rul.metrics.RulMetrics;

/**
 * Remaining useful life of spindle bearings on the simulated CNC machines of {@code industry4-opcua}:
 * an LSTM learns from run-to-failure histories of a fleet (each machine at its own spindle speed,
 * so bearings wear out at different rates), then follows new machines online, minute by minute,
 * and tells maintenance when the interval's lower bound says a bearing has less than 20 minutes left.
 *
 * <p>One row per simulated minute: the means of the measured spindle speed, vibration, bearing
 * and spindle temperatures and motor current over that minute. A history ends at the machine's
 * alarm (bearing worn out or vibration trip), so its RUL is counted in minutes.
 */
public final class BearingRulForecast {

    /** The row columns. */
    static final FeatureSchema SCHEMA = FeatureSchema.of("spindle_speed", "vibration", "bearing_temp", "spindle_temp",
            "motor_current");
    private static final MachineSignal[] SIGNALS = {MachineSignal.SPINDLE_SPEED, MachineSignal.VIBRATION,
        MachineSignal.BEARING_TEMP, MachineSignal.SPINDLE_TEMP, MachineSignal.MOTOR_CURRENT};
    /** Minutes before failure below which the lower bound triggers maintenance. */
    static final double TRIGGER_MINUTES = 20;

    /**
     * What the example found.
     *
     * @param trainingMachines  run-to-failure histories trained on
     * @param rmse              RMSE of the online estimates against the capped true RUL, minutes, over every
     *                          minute of the followed machines
     * @param constantRmse      the RMSE of the best constant guess on the same minutes
     * @param coverage          share of those minutes whose interval held the capped true RUL
     * @param leadMinutes       per followed machine, the true minutes left when the lower bound first fell
     *                          below {@value #TRIGGER_MINUTES} minutes
     * @param trainingSeconds   network training time
     */
    public record Result(int trainingMachines, double rmse, double constantRmse, double coverage,
                         List<Double> leadMinutes, double trainingSeconds) {
    }

    private BearingRulForecast() {
    }

    public static void main(String[] args) {
        Result r = run(1);
        System.out.printf(Locale.ROOT, "trained on %d run-to-failure bearings in %.0f s%n", r.trainingMachines(),
                r.trainingSeconds());
        System.out.printf(Locale.ROOT, "followed online: RMSE %.1f min (a constant guess: %.1f min), 90 %% intervals "
                + "held the truth %.0f %% of the time%n", r.rmse(), r.constantRmse(), 100 * r.coverage());
        System.out.printf(Locale.ROOT, "maintenance called (lower bound < %.0f min) with %s min truly left%n",
                TRIGGER_MINUTES, r.leadMinutes());
    }

    /** Simulates, trains and follows; {@code seed} fixes everything. */
    public static Result run(long seed) {
        // 1. History: a fleet of 24 machines run to failure (bearing life 1 h at rated speed).
        List<Trajectory> fleet = runToFailure(24, seed);
        RulOptions options = new RulOptions().withWindow(20).withCap(120)
                .withArchitecture(RulOptions.Architecture.LSTM, List.of(32), 3, 16, 0.0)
                .withTraining(5e-3, 64, 30, 8, Duration.ofMinutes(3))
                .withPreprocess(new PreprocessOptions().withSettingColumns(List.of()))
                .withSeed(seed);
        RulModel model = new RulTrainer(options).fit(fleet);

        // 2. Follow 4 new machines online, as rows arrive, and score every minute after the fact.
        List<Trajectory> followed = runToFailure(4, seed + 1_000);
        OnlineRulEstimator online = new OnlineRulEstimator(model);
        List<Double> truth = new ArrayList<>();
        List<Double> estimate = new ArrayList<>();
        int covered = 0;
        List<Double> lead = new ArrayList<>();
        for (Trajectory machine : followed) {
            Double leadMinutes = null;
            for (int minute = 0; minute < machine.cycles(); minute++) {
                RulEstimate e = online.accept(machine.assetId(), machine.row(minute));
                if (minute < model.window() - 1) {
                    continue; // the first window is not full yet: the estimate rests on padding
                }
                double left = machine.cycles() - 1 - minute;
                double capped = Math.min(model.cap(), left);
                truth.add(capped);
                estimate.add(e.rul());
                covered += e.covers(capped) ? 1 : 0;
                if (leadMinutes == null && e.lower() < TRIGGER_MINUTES) {
                    leadMinutes = left;
                }
            }
            lead.add(leadMinutes == null ? 0.0 : leadMinutes);
        }
        double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = estimate.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = java.util.Arrays.stream(t).average().orElseThrow();
        double[] constant = new double[t.length];
        java.util.Arrays.fill(constant, mean);
        return new Result(fleet.size(), RulMetrics.of(t, p).rmse(), RulMetrics.of(t, constant).rmse(),
                covered / (double) t.length, lead, model.history().seconds());
    }

    /**
     * {@code machines} simulated machines, each at its own spindle speed (7,000-14,000 rpm), run
     * until their alarm; one row per minute, ending at the alarm (RUL 0).
     */
    static List<Trajectory> runToFailure(int machines, long seed) {
        MachineSimulation sim = new MachineSimulation(new SimulationOptions(machines, 0, Duration.ofSeconds(1), seed,
                Duration.ofHours(1)));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = sim.machineIds();
        for (String id : ids) {
            sim.setSpindleSpeedSetpoint(id, 7_000 + 7_000 * random.nextDouble());
        }
        List<List<double[]>> rows = new ArrayList<>();
        boolean[] failed = new boolean[machines];
        double[][] sums = new double[machines][SIGNALS.length];
        int running = machines;
        for (int i = 0; i < machines; i++) {
            rows.add(new ArrayList<>());
        }
        for (int second = 1; running > 0 && second <= 6 * 3600; second++) {
            sim.step();
            for (int m = 0; m < machines; m++) {
                if (failed[m]) {
                    continue;
                }
                String id = ids.get(m);
                for (int s = 0; s < SIGNALS.length; s++) {
                    sums[m][s] += sim.trueValue(id, SIGNALS[s]);
                }
                boolean alarm = sim.state(id) == MachineState.ALARM;
                if (second % 60 == 0 || alarm) {
                    int n = second % 60 == 0 ? 60 : second % 60;
                    double[] row = new double[SIGNALS.length];
                    for (int s = 0; s < SIGNALS.length; s++) {
                        row[s] = sums[m][s] / n;
                        sums[m][s] = 0;
                    }
                    rows.get(m).add(row);
                }
                if (alarm) {
                    failed[m] = true;
                    running--;
                }
            }
        }
        List<Trajectory> histories = new ArrayList<>();
        for (int m = 0; m < machines; m++) {
            if (failed[m]) {
                histories.add(new Trajectory(ids.get(m) + "@" + seed, SCHEMA, rows.get(m).toArray(double[][]::new), 0));
            }
        }
        return histories;
    }
}

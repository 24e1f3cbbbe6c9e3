package org.industry4.twin.thermal;

import static org.industry4.twin.sim.SpindleThermalPhysics.AMBIENT;
import static org.industry4.twin.sim.SpindleThermalPhysics.COOLANT;
import static org.industry4.twin.sim.SpindleThermalPhysics.GROWTH;
import static org.industry4.twin.sim.SpindleThermalPhysics.LOAD;
import static org.industry4.twin.sim.SpindleThermalPhysics.SPEED;
import static org.industry4.twin.sim.SpindleThermalPhysics.TEMPERATURE;
import static org.industry4.twin.thermal.SpindleThermalTwin.COOLANT_FACTOR;
import static org.industry4.twin.thermal.SpindleThermalTwin.GROWTH_INPUTS;
import static org.industry4.twin.thermal.SpindleThermalTwin.GROWTH_PER_KELVIN;
import static org.industry4.twin.thermal.SpindleThermalTwin.HEATING;
import static org.industry4.twin.thermal.SpindleThermalTwin.HEATING_INPUTS;
import static org.industry4.twin.thermal.SpindleThermalTwin.LOAD_GAIN;
import static org.industry4.twin.thermal.SpindleThermalTwin.SPEED_GAIN;
import static org.industry4.twin.thermal.SpindleThermalTwin.TIME;
import static org.industry4.twin.thermal.SpindleThermalTwin.TIME_CONSTANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.industry4.twin.hybrid.Expr;
import org.industry4.twin.hybrid.HybridModel;
import org.industry4.twin.hybrid.HybridSpec;
import org.industry4.twin.hybrid.HybridTrainer;
import org.industry4.twin.hybrid.Penalty;
import org.industry4.twin.hybrid.PhysicalParameter;
import org.industry4.twin.sim.TrainingRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link SpindleThermalTwin} from measured rows of a spindle (as
 * {@link org.industry4.twin.sim.MeasuredRun#rows()} produces them: columns {@code dt},
 * {@code spindle_speed}, {@code load}, {@code ambient_temp}, {@code coolant}, {@code spindle_temp},
 * {@code spindle_temp_next}, {@code growth_um}).
 *
 * <p>The heating model is fitted to the measured temperature change per row,
 * {@code (T_next - T) / dt}, read at the interval's mid temperature {@code (T + T_next) / 2}; a row
 * whose interval spans a setpoint change (the next row of the same run, {@code time} increasing,
 * has other inputs) is left out of it, since its temperature change mixes two operating points. Its
 * physics is the first-order balance an engineer writes down, in K/s:
 * <pre>
 *   dT/dt = speed_gain n/1000 + load_gain load n/1000 - (1 + coolant_factor coolant) (T - Ta) / time_constant
 * </pre>
 * with its four parameters learnt within bounds. The hybrid adds a neural correction that reads the
 * spindle speed and the load only (heat sources the physics may lack, such as bearing friction), so
 * it cannot take over the heat loss, and a physics penalty: with the spindle stopped at ambient
 * temperature there is no heating (collocation points over the training range's loads, ambients
 * and coolant). The growth model is {@code growth = growth_per_kelvin (T - referenceTemp)}, fitted
 * with a correction (in the hybrid) reading only the time since the start, for slow drift. The
 * pure-ML variant replaces both physics by networks of the same size, trained the same way but
 * without the correction penalty (a plain regression).
 */
public final class SpindleThermalTwinTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SpindleThermalTwinTrainer.class);

    private final SpindleTwinOptions options;

    public SpindleThermalTwinTrainer(SpindleTwinOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SpindleThermalTwinTrainer() {
        this(new SpindleTwinOptions());
    }

    public SpindleTwinOptions options() {
        return options;
    }

    /**
     * Fits the twin.
     *
     * @throws IllegalArgumentException if a column is missing, a value is not finite (naming row and
     *                                  column) or {@code dt} is not positive
     */
    public SpindleThermalTwin fit(TrainingRows rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.size() == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        double[] dt = rows.column("dt");
        double[] speed = rows.column(SPEED);
        double[] load = rows.column(LOAD);
        double[] ambient = rows.column(AMBIENT);
        double[] coolant = rows.column(COOLANT);
        double[] temp = rows.column(TEMPERATURE);
        double[] next = rows.column(TEMPERATURE + "_next");
        double[] growth = rows.column(GROWTH);
        double[] time = rows.column(TIME);
        int n = rows.size();
        List<double[]> heatingRows = new ArrayList<>(n);
        List<Double> heatingTargets = new ArrayList<>(n);
        double[][] growthX = new double[n][];
        int spanning = 0;
        for (int i = 0; i < n; i++) {
            if (!(dt[i] > 0) || !Double.isFinite(dt[i])) {
                throw new IllegalArgumentException("row " + i + ": dt must be finite and > 0, got " + dt[i]);
            }
            growthX[i] = new double[] {temp[i], time[i]};
            boolean sameRun = i + 1 < n && time[i + 1] > time[i];
            if (sameRun && (speed[i + 1] != speed[i] || load[i + 1] != load[i] || ambient[i + 1] != ambient[i]
                    || coolant[i + 1] != coolant[i])) {
                spanning++; // the interval spans a setpoint change: its temperature change mixes two operating points
                continue;
            }
            heatingRows.add(new double[] {speed[i], load[i], ambient[i], coolant[i], (temp[i] + next[i]) / 2});
            heatingTargets.add((next[i] - temp[i]) / dt[i]);
        }
        double[][] heatingX = heatingRows.toArray(new double[0][]);
        double[] heatingY = heatingTargets.stream().mapToDouble(Double::doubleValue).toArray();
        LOG.info("heating: {} rows, {} left out because their interval spans a setpoint change", heatingX.length,
                spanning);
        SpindleTwinVariant variant = options.variant();
        LOG.info("fitting a {} spindle twin on {} rows", variant, n);
        long start = System.nanoTime();
        HybridSpec heatingSpec;
        HybridSpec growthSpec;
        if (variant == SpindleTwinVariant.PURE_ML) {
            heatingSpec = HybridSpec.pureMl(HEATING_INPUTS, HEATING);
            growthSpec = HybridSpec.pureMl(GROWTH_INPUTS, GROWTH);
        } else {
            heatingSpec = heatingSpec(heatingX, heatingY, options.heatingCorrection());
            growthSpec = growthSpec(options.referenceTemp());
        }
        // Pure ML is a plain regression network: the correction penalty exists to keep a correction
        // smaller than the physics, and there is no physics.
        HybridTrainer trainer = new HybridTrainer(switch (variant) {
            case PURE_ML -> options.training().withCorrectionPenalty(0);
            case HYBRID -> options.training();
            case PHYSICS_ONLY -> options.training().withoutCorrection();
        });
        // The two models are independent: the growth model trains on a second thread meanwhile.
        HybridSpec growthSpecFinal = growthSpec;
        CompletableFuture<HybridModel> growthFit = CompletableFuture.supplyAsync(
                () -> trainer.fit(growthSpecFinal, growthX, growth), SpindleThermalTwinTrainer::startGrowthThread);
        HybridModel heating;
        try {
            heating = trainer.fit(heatingSpec, heatingX, heatingY);
        } finally {
            growthFit.handle((model, failure) -> null).join();   // join() waits, interrupted or not
        }
        HybridModel growthModel;
        try {
            growthModel = growthFit.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        SpindleThermalTwin twin = new SpindleThermalTwin(variant, heating, growthModel);
        LOG.info("fitted the {} spindle twin in {} s: {}", variant, String.format("%.1f", (System.nanoTime() - start) / 1e9),
                twin.physicalParameters());
        return twin;
    }

    private static void startGrowthThread(Runnable fit) {
        Thread thread = new Thread(fit, "spindle-twin-growth-fit");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The heating model's spec: the first-order physics above, its bounded parameters, a correction
     * reading speed and load (multiplied by the speed in krpm for {@link HeatingCorrection#DRAG_TORQUE}),
     * and the standstill penalty at collocation points spanning the rows' loads, ambient
     * temperatures and coolant states.
     */
    static HybridSpec heatingSpec(double[][] x, double[] y, HeatingCorrection correction) {
        Expr krpm = Expr.input(SPEED).div(1000);
        Expr heat = Expr.param(SPEED_GAIN).times(krpm).plus(Expr.param(LOAD_GAIN).times(Expr.input(LOAD)).times(krpm));
        Expr loss = Expr.constant(1).plus(Expr.param(COOLANT_FACTOR).times(Expr.input(COOLANT)))
                .times(Expr.input(TEMPERATURE).minus(Expr.input(AMBIENT))).div(Expr.param(TIME_CONSTANT));
        List<PhysicalParameter> parameters = List.of(
                new PhysicalParameter(SPEED_GAIN, 1e-3, 0, 2e-2),
                new PhysicalParameter(LOAD_GAIN, 1e-3, 0, 2e-2),
                new PhysicalParameter(TIME_CONSTANT, 600, 30, 10_000),
                new PhysicalParameter(COOLANT_FACTOR, 0.5, 0, 5));
        return new HybridSpec(HEATING_INPUTS, HEATING, heat.minus(loss), parameters, List.of(SPEED, LOAD),
                List.of(standstill(x, y)), correction == HeatingCorrection.DRAG_TORQUE ? krpm : Expr.constant(1));
    }

    /**
     * No heating with the spindle stopped at ambient temperature: the whole prediction is 0 at
     * speed 0 and {@code T = Ta}, for loads 0..1, the rows' ambient range and coolant off and on;
     * weighted as one data term ({@code 1 / var(y)}).
     */
    private static Penalty standstill(double[][] x, double[] y) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            lo = Math.min(lo, x[i][2]);
            hi = Math.max(hi, x[i][2]);
            mean += y[i];
        }
        mean /= y.length;
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean);
        }
        var /= y.length;
        if (!(var > 0)) {
            throw new IllegalArgumentException("the measured temperature never changes: no heating to learn from");
        }
        double[][] points = new double[5 * 3 * 2][];
        int k = 0;
        for (int l = 0; l < 5; l++) {
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 2; c++) {
                    double ambient = lo + (hi - lo) * a / 2.0;
                    points[k++] = new double[] {0, l / 4.0, ambient, c, ambient};
                }
            }
        }
        return Penalty.equality("no heating at standstill", Expr.input(HEATING), 1 / var, points);
    }

    /**
     * The growth model's spec: {@code growth_per_kelvin (T - referenceTemp)}, with a correction (in
     * the hybrid) that reads only the time since the start, for slow drift.
     */
    static HybridSpec growthSpec(double referenceTemp) {
        Expr physics = Expr.param(GROWTH_PER_KELVIN).times(Expr.input(TEMPERATURE).minus(referenceTemp));
        return new HybridSpec(GROWTH_INPUTS, GROWTH, physics, List.of(new PhysicalParameter(GROWTH_PER_KELVIN, 1, 0, 50)),
                List.of(TIME), List.of());
    }
}

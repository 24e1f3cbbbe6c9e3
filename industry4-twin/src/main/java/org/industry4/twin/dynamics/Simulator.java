package org.industry4.twin.dynamics;

import java.util.List;
import java.util.Objects;

/**
 * Simulates a {@link StateSpaceModel} under a {@link SetpointSchedule}.
 *
 * <p>The trajectory is sampled at {@code start + k dt} up to the schedule's end (the last interval
 * may be shorter). Every interval is cut at the schedule's switch times, so the integrator only
 * ever sees a constant input: a fixed-step method takes one step per (cut) interval, the adaptive
 * one controls its own steps inside each. Stateless and thread-safe.
 *
 * <pre>{@code
 * Trajectory tr = new Simulator().simulate(model, new double[] {20.0}, schedule, 1.0, new RungeKutta4());
 * }</pre>
 */
public final class Simulator {

    /** A simulator. */
    public Simulator() {
    }

    /**
     * Simulates {@code model} from state {@code x0} at the schedule's start to its end.
     *
     * @param model      the model
     * @param x0         the initial state, one finite value per state
     * @param schedule   the inputs; must set exactly the model's inputs
     * @param dt         the sample interval in seconds (and the step of a fixed-step integrator); &gt; 0
     * @param integrator the integration method
     * @return the states, inputs and outputs at the sample times
     * @throws IllegalArgumentException for a mismatched input name, a wrong-length or non-finite
     *                                  {@code x0}, or a bad {@code dt}
     * @throws IllegalStateException    if the integration is unstable or diverges, or an output is
     *                                  not finite (the message names the time)
     */
    public Trajectory simulate(StateSpaceModel model, double[] x0, SetpointSchedule schedule, double dt,
                               Integrator integrator) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(integrator, "integrator");
        double[] x = checkedState(model, x0);
        List<String> inputs = model.inputNames();
        schedule.requireInputs(inputs);
        double start = schedule.startTime();
        double end = schedule.endTime();
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be finite and > 0, got " + dt);
        }
        long intervals = (long) Math.ceil((end - start) / dt - 1e-9);
        if (intervals > 50_000_000L) {
            throw new IllegalArgumentException("dt=" + dt + " over [" + start + ", " + end + "] gives " + intervals
                    + " samples; use a larger dt");
        }
        int samples = (int) intervals + 1;
        double[] switches = schedule.switchTimes();
        double[][] segmentInputs = new double[switches.length][];
        for (int s = 0; s < switches.length; s++) {
            segmentInputs[s] = schedule.segmentValues(s, inputs);
        }
        double[] times = new double[samples];
        double[][] states = new double[samples][];
        double[][] us = new double[samples][];
        double[][] ys = new double[samples][];
        Integrator.Stepper stepper = integrator.start(model);
        int segment = 0;
        double t = start;
        // Times closer than eps are the same time: a sample that falls a rounding error away from a
        // switch is taken at the switch, so no integrator sees an interval of 1e-16 s.
        double eps = 1e-10 * Math.max(1, Math.max(Math.abs(start), Math.abs(end)));
        int nextSwitch = 1;
        for (int k = 0; k < samples; k++) {
            double tk = k == samples - 1 ? end : start + k * dt;
            while (nextSwitch < switches.length && switches[nextSwitch] < tk - eps) {
                nextSwitch++;
            }
            if (nextSwitch < switches.length && Math.abs(switches[nextSwitch] - tk) <= eps) {
                tk = switches[nextSwitch];
            }
            while (t < tk) {
                double next = segment + 1 < switches.length ? Math.min(tk, switches[segment + 1]) : tk;
                stepper.advance(t, x, next, segmentInputs[segment]);
                t = next;
                if (segment + 1 < switches.length && t >= switches[segment + 1]) {
                    segment++;
                }
            }
            times[k] = tk;
            states[k] = x.clone();
            us[k] = segmentInputs[segment].clone();
            ys[k] = output(model, tk, x, us[k]);
        }
        return new Trajectory(times, states, us, ys, model.stateNames(), inputs, model.outputNames());
    }

    /** Checks {@code x0} against the model's states and returns a copy. */
    static double[] checkedState(StateSpaceModel model, double[] x0) {
        Objects.requireNonNull(x0, "x0");
        List<String> names = model.stateNames();
        if (x0.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " initial states " + names + ", got "
                    + x0.length);
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("initial state " + names.get(i) + " must be finite, got " + x0[i]);
            }
        }
        return x0.clone();
    }

    /** The model's output at {@code (t, x, u)}, checked finite. */
    static double[] output(StateSpaceModel model, double t, double[] x, double[] u) {
        double[] y = new double[model.outputNames().size()];
        model.output(t, x, u, y);
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalStateException("output " + model.outputNames().get(i) + " at t=" + t + " is " + y[i]);
            }
        }
        return y;
    }
}

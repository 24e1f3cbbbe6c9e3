package org.industry4.twin.online;

import java.util.Objects;
import org.industry4.twin.dynamics.Integrator;
import org.industry4.twin.dynamics.RungeKutta4;

/**
 * Settings of a {@link TwinFollower}.
 *
 * @param stateGain  the observer gain {@code K} in [0, 1]: after each prediction a measured state
 *                   becomes {@code x + K (measured - x)}; 0 never corrects (open-loop simulation),
 *                   1 replaces the estimate by the measurement. Lower gains filter measurement
 *                   noise more but follow real disturbances more slowly
 * @param maxStep    the longest integration step between two frames, seconds; &gt; 0. Frames
 *                   further apart are bridged in several steps
 * @param integrator the integration method
 */
public record FollowerOptions(double stateGain, double maxStep, Integrator integrator) {

    public FollowerOptions {
        Objects.requireNonNull(integrator, "integrator");
        if (!(stateGain >= 0 && stateGain <= 1)) {
            throw new IllegalArgumentException("stateGain must be in [0, 1], got " + stateGain);
        }
        if (!(maxStep > 0) || !Double.isFinite(maxStep)) {
            throw new IllegalArgumentException("maxStep must be finite and > 0, got " + maxStep);
        }
    }

    /** Gain 0.5, steps of at most 1 s, RK4. */
    public FollowerOptions() {
        this(0.5, 1.0, new RungeKutta4());
    }

    /** A copy with this gain. */
    public FollowerOptions withStateGain(double stateGain) {
        return new FollowerOptions(stateGain, maxStep, integrator);
    }

    /** A copy with this maximum step. */
    public FollowerOptions withMaxStep(double maxStep) {
        return new FollowerOptions(stateGain, maxStep, integrator);
    }

    /** A copy with this integrator. */
    public FollowerOptions withIntegrator(Integrator integrator) {
        return new FollowerOptions(stateGain, maxStep, integrator);
    }
}

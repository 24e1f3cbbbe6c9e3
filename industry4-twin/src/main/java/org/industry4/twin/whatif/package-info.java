/**
 * What-if simulation and setpoint optimisation.
 *
 * <p>{@link org.industry4.twin.whatif.WhatIf#run} predicts a model's trajectory under a setpoint
 * schedule and reports the {@link org.industry4.twin.whatif.Violations} of a
 * {@link org.industry4.twin.whatif.Tolerance} on one output (first violation time, maximum excess,
 * time outside). {@link org.industry4.twin.whatif.SetpointOptimiser} finds the highest setpoint
 * (spindle speed, feed override) whose prediction stays within tolerance over the horizon, by a
 * coarse grid with a monotonicity check and bisection on the feasibility boundary.
 */
package org.industry4.twin.whatif;

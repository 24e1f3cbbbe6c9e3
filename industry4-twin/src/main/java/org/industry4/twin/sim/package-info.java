/**
 * Ground-truth machine simulators and their physics-only models.
 *
 * <p>{@link org.industry4.twin.sim.SpindleThermalTruth} (first-order spindle heating with an
 * unmodelled bearing friction heat {@code q n^2} and a slow growth drift) and
 * {@link org.industry4.twin.sim.CncThermalDeformationTruth} (growth {@code alpha L dT (1 - exp(-t/tau))}
 * with an unmodelled nonlinear expansion and drift) are noise-free
 * {@link org.industry4.twin.dynamics.StateSpaceModel}s; their {@code run} methods add seeded
 * measurement noise ({@link org.industry4.twin.sim.MeasuredRun}) and produce training tables
 * ({@link org.industry4.twin.sim.TrainingRows}). {@link org.industry4.twin.sim.OperatingRange}
 * draws random operating schedules in the training range (up to 8000 rpm, 18 to 24 C ambient)
 * and out of it (up to 12000 rpm, 30 C). {@link org.industry4.twin.sim.SpindleThermalPhysics} and
 * {@link org.industry4.twin.sim.CncThermalPhysics} are the physics-only models, with parameters as
 * records, for the commons-math path.
 */
package org.industry4.twin.sim;

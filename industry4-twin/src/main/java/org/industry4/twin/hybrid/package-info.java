/**
 * Static hybrid regression: a physics model with named, bounded, learnable parameters plus a neural
 * correction, trained jointly with ND4J SameDiff and used in plain Java.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>One definition, two evaluators.</b> The physics and the penalty residuals are written
 *   once as an {@link org.industry4.twin.hybrid.Expr} (inputs, parameters, constants, arithmetic,
 *   exp/log/sqrt/tanh/sigmoid/relu). The trainer turns it into a SameDiff graph for gradients; the
 *   model evaluates it in Java. A property test checks both give the same values.</li>
 *   <li><b>Spec, options, trainer, model, file.</b> {@link org.industry4.twin.hybrid.HybridSpec}
 *   says what the model is (inputs, output, physics, {@link org.industry4.twin.hybrid.PhysicalParameter}s,
 *   the inputs the correction reads, {@link org.industry4.twin.hybrid.Penalty}s) and validates that
 *   every name an expression reads is declared; {@link org.industry4.twin.hybrid.HybridOptions}
 *   holds the hyper-parameters; {@link org.industry4.twin.hybrid.HybridTrainer#fit} returns an
 *   immutable {@link org.industry4.twin.hybrid.HybridModel}; {@link org.industry4.twin.hybrid.HybridModelFile}
 *   saves it in the core's versioned envelope.</li>
 *   <li><b>Bounds by construction.</b> A parameter is learned as an unbounded raw value mapped
 *   through a scaled sigmoid into its interval, so no step can leave it; bad bounds are refused when
 *   the parameter is declared.</li>
 *   <li><b>Loss.</b> Data error in units of the target's spread, plus a penalty on the correction's
 *   size (so the physics explains what it can), plus user penalties at collocation points: equality
 *   ({@code mean(r^2)}) and inequality ({@code mean(relu(r)^2)}, the constraint {@code r <= 0}). A
 *   penalty residual may read the model's whole prediction through the output's name.</li>
 *   <li><b>Physics first.</b> The trainer fits the physics alone, then both jointly with slower
 *   parameter steps, so the network corrects the physics instead of replacing it (see
 *   {@link org.industry4.twin.hybrid.HybridTrainer}).</li>
 *   <li><b>No ND4J after training.</b> Weights, standardisation statistics and parameter values are
 *   copied into Java arrays after every epoch (the best copy is kept); the model and its file never
 *   touch native memory, so prediction is cheap, thread-safe and available where ND4J is not
 *   loaded. Pure ML ({@link org.industry4.twin.hybrid.HybridSpec#pureMl}) and physics-only
 *   ({@link org.industry4.twin.hybrid.HybridOptions#withoutCorrection()}) models are special cases
 *   of the same trainer, which makes comparisons like for like.</li>
 * </ul>
 */
package org.industry4.twin.hybrid;

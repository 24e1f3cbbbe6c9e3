/**
 * Hybrid physics + ML digital twins: a physics model with named, bounded, learnable parameters plus
 * a neural correction, trained jointly; state-space simulation; online residuals; what-if
 * simulation and setpoint optimisation.
 */
package org.industry4.twin;

/**
 * CVRPLIB/TSPLIB files: {@link org.industry4.routing.io.CvrpLibReader} for instances,
 * {@link org.industry4.routing.io.SolutionFile} for {@code .sol} solutions and
 * {@link org.industry4.routing.io.BestKnown} for the best-known cost table.
 */
package org.industry4.routing.io;

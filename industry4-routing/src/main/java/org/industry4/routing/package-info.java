/**
 * Capacitated vehicle routing: problem model, CVRPLIB I/O, OR-Tools and our own improvement phase,
 * an independent verifier and route maps.
 */
package org.industry4.routing;

package org.industry4.routing.io;

import java.util.Objects;
import java.util.OptionalInt;
import org.industry4.routing.RoutingProblem;

/**
 * A CVRPLIB instance as read by {@link CvrpLibReader}.
 *
 * @param problem the problem, the depot as node 0 and the other nodes in file order
 * @param comment the COMMENT line (empty when absent)
 * @param declaredVehicles the VEHICLES value of the file, when present; applied as a fleet limit
 *                         only under {@link CvrpLibReader.Vehicles#LIMIT}
 * @param depotFileNode the depot's node number in the file (1 in most files, the last node in
 *                      CMT6-10, 13, 14)
 */
public record CvrpInstance(RoutingProblem problem, String comment, OptionalInt declaredVehicles, int depotFileNode) {

    public CvrpInstance {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(declaredVehicles, "declaredVehicles");
    }

    /** Our node index of file node {@code fileNode} (1-based). */
    public int nodeOf(int fileNode) {
        if (fileNode < 1 || fileNode > problem.size()) {
            throw new IllegalArgumentException("file node must be in 1.." + problem.size() + ", got " + fileNode);
        }
        if (fileNode == depotFileNode) {
            return RoutingProblem.DEPOT;
        }
        return fileNode < depotFileNode ? fileNode : fileNode - 1;
    }

    /** The file node number (1-based) of our node {@code node}. */
    public int fileNodeOf(int node) {
        if (node < 0 || node >= problem.size()) {
            throw new IllegalArgumentException("node must be in 0.." + (problem.size() - 1) + ", got " + node);
        }
        if (node == RoutingProblem.DEPOT) {
            return depotFileNode;
        }
        return node < depotFileNode ? node : node + 1;
    }
}

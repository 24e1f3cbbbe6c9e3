package org.industry4.routing.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.RoutingProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplicitFormatsTest {

    @TempDir
    Path dir;

    // symmetric 3 x 3: d(1,2)=4, d(1,3)=5, d(2,3)=6
    private RoutingProblem read(String format, String weights) throws IOException {
        Path f = dir.resolve(format + ".vrp");
        Files.writeString(f, "NAME : e\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : "
                + format + "\nCAPACITY : 9\nEDGE_WEIGHT_SECTION\n" + weights
                + "\nDEMAND_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION\n1\n-1\nEOF\n");
        return new CvrpLibReader().readProblem(f);
    }

    @Test
    void everyExplicitFormatGivesTheSameMatrix() throws IOException {
        String[][] cases = {
                {"FULL_MATRIX", "0 4 5\n4 0 6\n5 6 0"},
                {"LOWER_ROW", "4\n5 6"},
                {"LOWER_DIAG_ROW", "0\n4 0\n5 6 0"},
                {"UPPER_ROW", "4 5\n6"},
                {"UPPER_DIAG_ROW", "0 4 5\n0 6\n0"}};
        for (String[] c : cases) {
            RoutingProblem p = read(c[0], c[1]);
            assertEquals(DistanceConvention.EXPLICIT, p.convention(), c[0]);
            assertEquals(4, p.distance(0, 1), c[0]);
            assertEquals(5, p.distance(2, 0), c[0]);
            assertEquals(6, p.distance(1, 2), c[0]);
            assertEquals(6, p.distance(2, 1), c[0]);
        }
        CvrpFormatException e = assertThrows(CvrpFormatException.class, () -> read("LOWER_ROW", "4\n5"));
        assertTrue(e.getMessage().contains("must hold 3 values, got 2"), e.getMessage());
        e = assertThrows(CvrpFormatException.class, () -> read("LOWER_DIAG_ROW", "1\n4 0\n5 6 0"));
        assertTrue(e.getMessage().contains("must be 0"), e.getMessage());
    }

    @Test
    void exact2dWithDistanceAndServiceTime() throws IOException {
        Path f = dir.resolve("x.vrp");
        Files.writeString(f, "NAME : x\nTYPE : CVRP\nDIMENSION : 2\nCAPACITY : 3\nDISTANCE : 12.5\nSERVICE_TIME : 2\n"
                + "EDGE_WEIGHT_TYPE : EXACT_2D\nNODE_COORD_SECTION\n1 0 0\n2 1.5 2.0\nDEMAND_SECTION\n1 0\n2 3\n"
                + "DEPOT_SECTION\n1\n-1\n");
        RoutingProblem p = new CvrpLibReader().readProblem(f);
        assertEquals(2.5, p.distance(0, 1));
        assertEquals(12.5, p.maxRouteLength());
        assertEquals(2, p.serviceTime(1));
        assertEquals(0, p.serviceTime(0));
        Files.writeString(f, Files.readString(f).replace("DEPOT_SECTION\n1\n-1\n", "DEPOT_SECTION\n1\n2\n-1\n"));
        assertThrows(CvrpFormatException.class, () -> new CvrpLibReader().read(f));
    }
}

package org.industry4.routing.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.industry4.routing.DistanceConvention;
import org.industry4.routing.Route;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Solution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CvrpLibReaderTest {

    @TempDir
    Path dir;

    static final String GOOD = """
            NAME :  tiny\t
            COMMENT: a test
            TYPE:CVRP
            DIMENSION : 4
            CAPACITY : 10
            VEHICLES : 2
            EDGE_WEIGHT_TYPE : EUC_2D  \s
            NODE_COORD_SECTION
            1 0 0
            2 3 4
             3 6 8
            4 0 5
            DEMAND_SECTION
            1 0
            2 4
            3 5
            4 6
            DEPOT_SECTION
             1
             -1
            EOF
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("t.vrp");
        Files.writeString(f, text);
        return f;
    }

    private CvrpFormatException bad(String text) throws IOException {
        Path f = write(text);
        return assertThrows(CvrpFormatException.class, () -> new CvrpLibReader().read(f));
    }

    @Test
    void readsAGeneratedFileToleratingSpacing() throws IOException {
        CvrpInstance inst = new CvrpLibReader().read(write(GOOD));
        RoutingProblem p = inst.problem();
        assertEquals("tiny", p.name());
        assertEquals("a test", inst.comment());
        assertEquals(4, p.size());
        assertEquals(10, p.capacity());
        assertEquals(DistanceConvention.EUC_2D, p.convention());
        assertEquals(5, p.distance(0, 1));
        assertEquals(6, p.demand(3));
        assertEquals(2, inst.declaredVehicles().orElseThrow());
        assertFalse(p.limitedFleet());
    }

    @Test
    void explicitLowerRowAndRemappedDepot() throws IOException {
        String text = """
                NAME : m
                TYPE : CVRP
                DIMENSION : 3
                EDGE_WEIGHT_TYPE : EXPLICIT
                EDGE_WEIGHT_FORMAT : LOWER_ROW
                CAPACITY : 5
                EDGE_WEIGHT_SECTION
                 7
                 8 9
                DEMAND_SECTION
                1 2
                2 3
                3 0
                DEPOT_SECTION
                3
                -1
                """;
        CvrpInstance inst = new CvrpLibReader().read(write(text));
        RoutingProblem p = inst.problem();
        // file nodes 1,2,3 with depot 3 -> our 1,2,0; d(file1,file2)=7, d(1,3)=8, d(2,3)=9
        assertEquals(8, p.distance(0, 1));
        assertEquals(9, p.distance(2, 0));
        assertEquals(7, p.distance(1, 2));
        assertEquals(2, p.demand(1));
        assertEquals(3, inst.depotFileNode());
    }

    @Test
    void malformedFilesNameFileAndLine() throws IOException {
        CvrpFormatException e = bad(GOOD.replace("VEHICLES : 2", "FLEET : 2"));
        assertTrue(e.getMessage().contains("t.vrp:6: unknown keyword FLEET"), e.getMessage());
        assertEquals(6, e.line());
        e = bad(GOOD.replace("2 3 4", "2 3 x4"));
        assertTrue(e.getMessage().contains(":10:") && e.getMessage().contains("'x4'"), e.getMessage());
        e = bad(GOOD.replace("4 0 5\n", ""));
        assertTrue(e.getMessage().contains("NODE_COORD_SECTION must hold 4 lines"), e.getMessage());
        e = bad(GOOD.replace("4 0 5", "2 0 5"));
        assertTrue(e.getMessage().contains(":12:") && e.getMessage().contains("node 2 given twice"), e.getMessage());
        e = bad(GOOD.replace("DEPOT_SECTION\n 1\n -1\n", ""));
        assertTrue(e.getMessage().contains("missing DEPOT_SECTION"), e.getMessage());
        e = bad(GOOD.replace("TYPE:CVRP", "TYPE : TSP"));
        assertTrue(e.getMessage().contains(":3: TYPE must be CVRP"), e.getMessage());
        e = bad(GOOD.replace("CAPACITY : 10", "CAPACITY : ten"));
        assertTrue(e.getMessage().contains(":5: CAPACITY must be an integer, got 'ten'"), e.getMessage());
        e = bad(GOOD.replace(" -1\n", ""));
        assertTrue(e.getMessage().contains("must end with -1"), e.getMessage());
        e = bad(GOOD.replace("4 6", "4 60"));
        assertTrue(e.getMessage().contains("above CAPACITY"), e.getMessage());
        e = bad(GOOD + "junk\n");
        assertTrue(e.getMessage().contains("after EOF"), e.getMessage());
    }

    @Test
    void solutionFileRoundTripsAndRejectsGarbage() throws IOException {
        Solution s = new Solution(List.of(Route.of(3, 1), Route.of(2)), 27591);
        Path f = dir.resolve("x.sol");
        SolutionFile.write(s, f);
        assertEquals("Route #1: 3 1\nRoute #2: 2\nCost 27591\n", Files.readString(f));
        Solution back = SolutionFile.read(f);
        assertEquals(s, back);
        Solution real = new Solution(List.of(Route.of(1)), 524.6114006753436);
        SolutionFile.write(real, f);
        assertEquals(real.cost(), SolutionFile.read(f).cost());
        Files.writeString(f, "Route #1: 1 2\nRoute #3: 4\nCost 5\n");
        CvrpFormatException e = assertThrows(CvrpFormatException.class, () -> SolutionFile.read(f));
        assertTrue(e.getMessage().contains(":2: expected Route #2"), e.getMessage());
        Files.writeString(f, "Route #1: 1 b\nCost 5\n");
        assertThrows(CvrpFormatException.class, () -> SolutionFile.read(f));
        Files.writeString(f, "Route #1: 1\n");
        assertTrue(assertThrows(CvrpFormatException.class, () -> SolutionFile.read(f)).getMessage().contains("missing Cost"));
    }

    @Test
    void bestKnownReadsQuotedFields() throws IOException {
        Path f = dir.resolve("BKS.csv");
        Files.writeString(f, String.join(",", BestKnown.HEADER) + "\n"
                + "X,X-n101-k25,101,206,EUC_2D,,,27591,\"BKS (CVRPLIB, rounded EUC_2D)\",src\n"
                + "E,E-n30-k4,30,4500,EUC_2D,,,,,src\n");
        BestKnown b = BestKnown.read(f);
        assertEquals(27591, b.bks("X-n101-k25").orElseThrow());
        assertEquals("BKS (CVRPLIB, rounded EUC_2D)", b.entry("X-n101-k25").orElseThrow().kind());
        assertTrue(b.bks("E-n30-k4").isEmpty());
        Files.writeString(f, String.join(",", BestKnown.HEADER) + "\nX,a,b,1,EUC_2D,,,1,k,s\n");
        assertTrue(assertThrows(CvrpFormatException.class, () -> BestKnown.read(f)).getMessage().contains(":2:"));
    }
}

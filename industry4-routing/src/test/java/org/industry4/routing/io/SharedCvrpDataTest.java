package org.industry4.routing.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.Verification;
import org.industry4.routing.Verifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every shared CVRPLIB file parses and every shared best-known solution verifies (skipped without ../shared). */
class SharedCvrpDataTest {

    static Path cvrpDir() {
        String shared = System.getProperty("industry4.shared.dir", "../shared");
        Path dir = Path.of(shared, "data", "cvrp");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: " + dir + " is absent (set -Dindustry4.shared.dir to the shared folder)");
        return dir;
    }

    private static List<Path> files(Path dir, String ext) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    @Test
    void everySharedInstanceParsesAndMatchesBksCsv() throws IOException {
        Path dir = cvrpDir();
        BestKnown bks = BestKnown.read(dir.resolve("BKS.csv"));
        List<Path> vrps = files(dir, ".vrp");
        assertTrue(vrps.size() >= 100, "expected the shared instances, found " + vrps.size());
        CvrpLibReader reader = new CvrpLibReader();
        for (Path f : vrps) {
            if (f.getFileName().toString().equals("E-n101-k14.vrp")) {
                // TYPE : OVRP (open routes, not in our model): rejected by name
                CvrpFormatException e = assertThrows(CvrpFormatException.class, () -> reader.read(f));
                assertTrue(e.getMessage().contains(":3: TYPE must be CVRP, got 'OVRP'"), e.getMessage());
                continue;
            }
            CvrpInstance inst = reader.read(f);
            RoutingProblem p = inst.problem();
            String name = f.getFileName().toString().replace(".vrp", "");
            BestKnown.Entry e = bks.entry(name).orElseThrow(() -> new AssertionError(name + " not in BKS.csv"));
            assertEquals(e.dimension(), p.size(), name);
            assertEquals(e.capacity(), p.capacity(), name);
            assertEquals(e.maxRouteDistance().isPresent(), p.limitedRouteLength(), name);
            assertFalse(p.limitedFleet(), name + ": VEHICLES must not limit the fleet by default");
            assertEquals(0, p.demand(RoutingProblem.DEPOT), name);
        }
    }

    @Test
    void everySharedSolutionVerifiesWithItsCostAndTheBks() throws IOException {
        Path dir = cvrpDir();
        BestKnown bks = BestKnown.read(dir.resolve("BKS.csv"));
        List<Path> sols = files(dir, ".sol");
        assertFalse(sols.isEmpty());
        for (Path s : sols) {
            Path vrp = s.resolveSibling(s.getFileName().toString().replace(".sol", ".vrp"));
            RoutingProblem p = new CvrpLibReader().readProblem(vrp);
            var sol = SolutionFile.read(s);
            Verification v = Verifier.verify(p, sol);
            assertTrue(v.feasible(), s + ": " + v.messages());
            String name = vrp.getFileName().toString().replace(".vrp", "");
            assertEquals(bks.bks(name).orElseThrow(), v.recomputedCost(), 1e-6, name);
        }
    }

    @Test
    void cmtDepotIsRemappedAndVehiclesRecorded() throws IOException {
        Path dir = cvrpDir();
        CvrpInstance cmt6 = new CvrpLibReader().read(dir.resolve("CMT/CMT6.vrp"));
        assertEquals(51, cmt6.depotFileNode());
        assertEquals(30.0, cmt6.problem().x(0));
        assertEquals(40.0, cmt6.problem().y(0));
        assertEquals(37.0, cmt6.problem().x(1));
        assertEquals(6, cmt6.declaredVehicles().orElseThrow());
        assertEquals(200.0, cmt6.problem().maxRouteLength());
        assertEquals(10.0, cmt6.problem().serviceTime(1));
        assertEquals(0, cmt6.nodeOf(51));
        assertEquals(51, cmt6.fileNodeOf(0));
        RoutingProblem limited = new CvrpLibReader(CvrpLibReader.Vehicles.LIMIT).readProblem(dir.resolve("CMT/CMT6.vrp"));
        assertEquals(6, limited.vehicles());
        RoutingProblem e13 = new CvrpLibReader().readProblem(dir.resolve("Eilon/E-n13-k4.vrp"));
        assertEquals(9, e13.distance(0, 1));
        assertEquals(9, e13.distance(1, 0));
        assertEquals(10, e13.distance(12, 11));
    }
}

package org.industry4.routing.improve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.SolveOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two classic instances from {@code ../shared/data/cvrp} (system property
 * {@code industry4.shared.dir}); skipped where the folder is absent, as in a user's clone.
 */
class SharedCvrpTest {

    private static Path instance(String relative) {
        Path dir = VrpTestFiles.cvrpDir();
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve(relative)),
                "skipped: " + relative + " is absent under industry4.shared.dir/data/cvrp (set -Dindustry4.shared.dir)");
        return dir.resolve(relative);
    }

    private static double gap(String relative, long iterations) throws IOException {
        Path file = instance(relative);
        RoutingProblem p = VrpTestFiles.read(file);
        double bks = VrpTestFiles.bks(file.getParent().getParent(), p.name());
        RoutingResult r = new ImprovedSolver(new ImproveOptions().withMaxIterations(iterations))
                .solve(p, new SolveOptions(Duration.ofSeconds(20), 1, 1));
        Check.feasible(p, r.solution());
        assertTrue(r.solution().cost() >= bks - 1e-6, "below the best known " + bks + ": " + r.solution().cost());
        return 100 * (r.solution().cost() - bks) / bks;
    }

    @Test
    void augeratA32WithinHalfAPercent() throws IOException {
        double gap = gap("Augerat_A/A-n32-k5.vrp", 200_000);
        assertTrue(gap <= 0.5, "gap " + gap + " %");
    }

    @Test
    void x101WithinThreePercentOnAShortBudget() throws IOException {
        double gap = gap("X/X-n101-k25.vrp", 300_000);
        assertTrue(gap <= 3, "gap " + gap + " %");
    }
}

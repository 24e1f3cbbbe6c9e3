package org.industry4.routing.improve;

import java.nio.file.Path;
import java.time.Duration;
import org.industry4.routing.RoutingProblem;
import org.industry4.routing.RoutingResult;
import org.industry4.routing.SolveOptions;

/**
 * Development measurement, run by hand (not a test):
 * {@code java -Dindustry4.shared.dir=../shared [-Dt0=100 -Dtf=1 -Dscaled=true] -cp ... MeasureMain SECONDS THREADS SEED
 * SET/INSTANCE...}.
 */
public final class MeasureMain {

    public static void main(String[] args) throws Exception {
        Path cvrp = VrpTestFiles.cvrpDir();
        if (cvrp == null) {
            System.out.println("skipped: no data/cvrp under industry4.shared.dir");
            return;
        }
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        double sumGap = 0;
        int count = 0;
        for (int i = 3; i < args.length; i++) {
            Path file = cvrp.resolve(args[i] + ".vrp");
            RoutingProblem p;
            try {
                p = VrpTestFiles.read(file);
            } catch (java.io.IOException e) {
                System.out.println("skipped " + e.getMessage());
                continue;
            }
            double bks = VrpTestFiles.bks(cvrp, p.name());
            ImproveOptions o = new ImproveOptions().withTemperatures(Double.parseDouble(System.getProperty("t0", "100")),
                    Double.parseDouble(System.getProperty("tf", "1")), Boolean.parseBoolean(System.getProperty("scaled", "true")));
            RoutingResult r = new ImprovedSolver(o).solve(p, new SolveOptions(Duration.ofSeconds(seconds), threads, seed));
            double gap = 100 * (r.solution().cost() - bks) / bks;
            if (Double.isFinite(gap)) {
                sumGap += gap;
                count++;
            }
            System.out.printf("%-14s %3ds %dt  cost %9.1f  bks %8.0f  gap %6.2f %%  routes %d  %s%n", p.name(), seconds,
                    threads, r.solution().cost(), bks, gap, r.solution().vehicles(), r.message());
        }
        System.out.printf("mean gap %.2f %% over %d%n", sumGap / count, count);
    }
}

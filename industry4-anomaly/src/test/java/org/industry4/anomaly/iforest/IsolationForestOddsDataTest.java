package org.industry4.anomaly.iforest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.industry4.anomaly.metrics.RocAuc;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One real outlier set from {@code ../shared/data/odds} (location from the system property
 * {@code industry4.shared.dir}); skipped where the folder is absent, as in a user's clone.
 * The full comparison with published figures is the {@code iforest-odds} benchmark.
 */
class IsolationForestOddsDataTest {

    @Test
    void breastCancerOutliersAreRankedAsThePaperReports() throws IOException {
        String shared = System.getProperty("industry4.shared.dir");
        Path file = shared == null ? null : Path.of(shared, "data", "odds", "4_breastw.csv");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
                "skipped: ../shared/data/odds/4_breastw.csv is absent (set -Dindustry4.shared.dir)");
        List<String> lines = Files.readAllLines(file);
        int d = lines.get(0).split(",").length - 1;
        double[][] rows = new double[lines.size() - 1][d];
        boolean[] outlier = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int j = 0; j < d; j++) {
                rows[i][j] = Double.parseDouble(cells[j]);
            }
            outlier[i] = Double.parseDouble(cells[d]) == 1.0;
        }
        IsolationForestModel model = new IsolationForestTrainer().fit(rows, TestData.schema(d));
        double auc = RocAuc.of(model.scoreAll(rows), outlier);
        // Liu, Ting and Zhou (2008), Table 2: 0.99 on breastw, trained and scored on all rows.
        assertTrue(auc > 0.97, "ROC AUC " + auc);
    }
}

package org.industry4.anomaly.iforest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.industry4.core.FeatureSchema;

/**
 * Wrote the golden files of payload version 1 once; they are frozen since. Kept to show how they
 * were made: {@code java -cp <test classpath> org.industry4.anomaly.iforest.IsolationForestGoldenFiles
 * industry4-anomaly/src/test/resources/golden}. It prints the scores {@link IsolationForestFileTest}
 * expects. Never rerun it to make a failing golden test pass.
 */
final class IsolationForestGoldenFiles {

    static final FeatureSchema SCHEMA = FeatureSchema.of("spindle_temp", "vibration");
    static final double[][] PROBES = {{0.0, 0.0}, {1.0, 2.0}, {5.0, -3.0}, {-0.5, 0.25}, {20.0, 20.0}};

    private IsolationForestGoldenFiles() {
    }

    /** The 16 training rows of both golden forests. */
    static double[][] rows() {
        double[][] rows = new double[16][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {Math.sin(i * 1.7) * 2 + i * 0.1, Math.cos(i * 0.9) - i * 0.05};
        }
        return rows;
    }

    static IsolationForestOptions options(int extensionLevel) {
        return new IsolationForestOptions(3, 8, 1.0, 0.25, extensionLevel, 20261123L);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int level : new int[] {0, 1}) {
            IsolationForestModel model = new IsolationForestTrainer(options(level)).fit(rows(), SCHEMA);
            Path file = dir.resolve(level == 0 ? "isolation-forest-v1.bin" : "extended-isolation-forest-v1.bin");
            new IsolationForestFile().write(model, file);
            StringBuilder sb = new StringBuilder(file.getFileName() + " threshold " + model.threshold() + " scores");
            for (double[] p : PROBES) {
                sb.append(String.format(Locale.ROOT, " %s", Double.toString(model.score(p))));
            }
            System.out.println(sb);
        }
    }
}

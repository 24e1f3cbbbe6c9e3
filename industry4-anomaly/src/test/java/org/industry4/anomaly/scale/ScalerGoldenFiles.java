package org.industry4.anomaly.scale;

import java.io.IOException;
import java.nio.file.Path;
import org.industry4.core.FeatureSchema;

/**
 * Wrote the golden files of scaler payload version 1 once; they are frozen since. Kept to show how
 * they were made:
 * {@code java -cp <test classpath> org.industry4.anomaly.scale.ScalerGoldenFiles src/test/resources/golden}.
 */
final class ScalerGoldenFiles {

    static final FeatureSchema SCHEMA = FeatureSchema.of("spindle_temp", "vibration", "current");
    /**
     * Columns: 20..28 step 2 (mean 24, population variance 8; median 24, IQR 26 - 22 = 4);
     * 1, 3, 2, 6, 8 (mean 4, variance 6.8; median 3, IQR 6 - 2 = 4);
     * 100, 100, 104, 108, 88 (mean 100, variance 44.8; median 100, IQR 104 - 100 = 4).
     */
    static final double[][] ROWS = {{20, 1, 100}, {22, 3, 100}, {24, 2, 104}, {26, 6, 108}, {28, 8, 88}};

    private ScalerGoldenFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ScalerFile file = new ScalerFile();
        file.write(StandardScaler.fit(ROWS, SCHEMA), dir.resolve("scaler-standard-v1.bin"));
        file.write(RobustScaler.fit(ROWS, SCHEMA), dir.resolve("scaler-robust-v1.bin"));
    }
}

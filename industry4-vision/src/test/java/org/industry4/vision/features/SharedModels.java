package org.industry4.vision.features;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pretrained models kept outside the repository, in {@code ../shared/models}: the system
 * property {@code industry4.models} if set, else {@code <industry4.shared.dir>/models} (set by the
 * parent pom's surefire configuration), else {@code ../../shared/models} from the module folder.
 */
final class SharedModels {

    static final String FEATURES = "mobilenetv2-int8/mobilenetv2-12-int8-features.onnx";
    static final String S8 = "feat_s8_32x28x28";
    static final String S16 = "feat_s16_96x14x14";

    private SharedModels() {
    }

    static Path dir() {
        String models = System.getProperty("industry4.models");
        if (models != null) {
            return Path.of(models);
        }
        String shared = System.getProperty("industry4.shared.dir");
        return shared != null ? Path.of(shared, "models") : Path.of("../../shared/models");
    }

    /** The MobileNetV2 int8 feature model, or {@code null} when it is absent. */
    static Path mobileNetFeatures() {
        Path file = dir().resolve(FEATURES);
        return Files.isRegularFile(file) ? file : null;
    }
}

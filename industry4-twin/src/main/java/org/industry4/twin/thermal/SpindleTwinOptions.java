package org.industry4.twin.thermal;

import java.util.Objects;
import org.industry4.twin.hybrid.Activation;
import org.industry4.twin.hybrid.HybridOptions;

/**
 * How a {@link SpindleThermalTwinTrainer} fits the spindle twin.
 *
 * @param variant          physics only, pure ML or hybrid
 * @param training         the options of both hybrid fits (heating and growth); the variant decides
 *                         whether a correction is used
 * @param referenceTemp    the temperature of zero thermal growth, C (20 C, ISO 1's reference
 *                         temperature, by default): known, not fitted
 */
public record SpindleTwinOptions(SpindleTwinVariant variant, HybridOptions training, double referenceTemp) {

    public SpindleTwinOptions {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(training, "training");
        if (!Double.isFinite(referenceTemp)) {
            throw new IllegalArgumentException("referenceTemp must be finite, got " + referenceTemp);
        }
    }

    /**
     * The hybrid with {@link HybridOptions#defaults()} but softplus hidden layers, and a 20 C
     * reference. Softplus because a twin is asked about operating points beyond its history (a
     * faster spindle, a hotter hall): a softplus correction continues linearly there, a tanh one
     * levels off (see {@link org.industry4.twin.hybrid.Activation}).
     */
    public SpindleTwinOptions() {
        this(SpindleTwinVariant.HYBRID, HybridOptions.defaults().withActivation(Activation.SOFTPLUS), 20.0);
    }

    public SpindleTwinOptions withVariant(SpindleTwinVariant variant) {
        return new SpindleTwinOptions(variant, training, referenceTemp);
    }

    public SpindleTwinOptions withTraining(HybridOptions training) {
        return new SpindleTwinOptions(variant, training, referenceTemp);
    }
}

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
 * @param heatingCorrection the form of the hybrid's heating correction
 */
public record SpindleTwinOptions(SpindleTwinVariant variant, HybridOptions training, double referenceTemp,
                                 HeatingCorrection heatingCorrection) {

    public SpindleTwinOptions {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(heatingCorrection, "heatingCorrection");
        if (!Double.isFinite(referenceTemp)) {
            throw new IllegalArgumentException("referenceTemp must be finite, got " + referenceTemp);
        }
    }

    /**
     * The hybrid with {@link HybridOptions#defaults()} but softplus hidden layers and a correction
     * penalty of 0.001, a 20 C reference and a {@link HeatingCorrection#DRAG_TORQUE} heating
     * correction. Softplus because a twin is asked about operating points beyond its history (a
     * faster spindle, a hotter hall): a softplus correction continues linearly there, a tanh one
     * levels off (see {@link org.industry4.twin.hybrid.Activation}). The penalty and the form of
     * the correction were chosen on the {@code twin-thermal} benchmark's validation split, which
     * stays inside the training range (trained below 5000 rpm, judged at 5000-7500 rpm, 3 seeds):
     * a penalty of 0.01 let the expansion coefficient take over part of the drift and doubled the
     * error beyond the data, and the drag torque's error there was 0.21 um on average against
     * 0.31 um for an additive correction.
     */
    public SpindleTwinOptions() {
        this(SpindleTwinVariant.HYBRID, HybridOptions.defaults().withActivation(Activation.SOFTPLUS)
                .withCorrectionPenalty(DEFAULT_CORRECTION_PENALTY), 20.0, HeatingCorrection.DEFAULT);
    }

    /** The correction penalty of the default options. */
    public static final double DEFAULT_CORRECTION_PENALTY = 0.001;

    public SpindleTwinOptions withVariant(SpindleTwinVariant variant) {
        return new SpindleTwinOptions(variant, training, referenceTemp, heatingCorrection);
    }

    public SpindleTwinOptions withTraining(HybridOptions training) {
        return new SpindleTwinOptions(variant, training, referenceTemp, heatingCorrection);
    }

    public SpindleTwinOptions withHeatingCorrection(HeatingCorrection heatingCorrection) {
        return new SpindleTwinOptions(variant, training, referenceTemp, heatingCorrection);
    }
}

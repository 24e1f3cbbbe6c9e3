package org.industry4.twin.thermal;

/** Which model of the spindle a {@link SpindleThermalTwinTrainer} fits. */
public enum SpindleTwinVariant {
    /** The physics with its parameters fitted, no correction. */
    PHYSICS_ONLY,
    /** Networks alone (no physics), of the same size as the hybrid's correction. */
    PURE_ML,
    /** The physics plus a neural correction of the heat input, trained jointly. */
    HYBRID
}

package org.industry4.twin.thermal;

/**
 * The form of the spindle twin's heating correction, the heat the physics lacks (in the hybrid
 * variant; the other variants ignore it). Both read the spindle speed and the load only.
 */
public enum HeatingCorrection {

    /** The network's output is added to the heating as it is: {@code dT/dt = physics + net(n, load)}. */
    ADDITIVE,

    /**
     * The network's output is multiplied by the speed in thousands of rpm:
     * {@code dT/dt = physics + n/1000 * net(n, load)}. Mechanical losses are a drag torque times the
     * speed, so the network learns the missing torque (per heat capacity). There is no such heat at
     * standstill by construction, and a torque that rises with speed (viscous bearing drag) is a
     * gentler function to continue beyond the training range than the heat, which rises with its
     * square.
     */
    DRAG_TORQUE;

    /** The default of {@link SpindleTwinOptions}. */
    static final HeatingCorrection DEFAULT = DRAG_TORQUE;
}

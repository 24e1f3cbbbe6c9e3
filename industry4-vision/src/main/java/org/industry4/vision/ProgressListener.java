package org.industry4.vision;

/**
 * Hears how PatchCore training progresses; the trainer also logs the same through SLF4J. Calls
 * come from the training thread or the executor's threads, never concurrently for one listener.
 */
public interface ProgressListener {

    /** {@code done} of {@code total} training images have had their features extracted. */
    default void features(int done, int total) {
    }

    /** {@code done} of {@code total} coreset patches have been chosen. */
    default void coreset(int done, int total) {
    }
}

package org.industry4.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves and loads one kind of model through a {@link ModelEnvelope}. Writes are atomic (a
 * temporary file in the same folder, then a rename), so a crash never leaves half a model; a
 * failed read leaves nothing behind.
 *
 * @param <M> the model type
 */
public interface ModelFile<M> {

    /** Writes {@code model} to {@code file}, replacing it atomically. */
    void write(M model, Path file) throws IOException;

    /**
     * Reads the model in {@code file}.
     *
     * @throws ModelFormatException if the file holds no such model or is damaged
     */
    M read(Path file) throws IOException;
}

package org.industry4.kafka.streams;

import org.industry4.core.ModelEnvelope;
import org.industry4.core.ModelFormatException;

/**
 * Reads a model out of a {@link ModelEnvelope}, such as {@code new IsolationForestFile()::fromEnvelope}.
 *
 * @param <M> the model type
 */
@FunctionalInterface
public interface ModelLoader<M> {

    /**
     * The model in {@code envelope}.
     *
     * @param source names where the envelope came from, for error messages
     * @throws ModelFormatException if it holds no such model or is damaged
     */
    M load(ModelEnvelope envelope, String source) throws ModelFormatException;
}

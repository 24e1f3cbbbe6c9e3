package org.industry4.kafka.streams;

import java.util.Objects;

/**
 * A model and its version: 0 for the model a topology was built with, otherwise the offset of the
 * record on the models topic that brought it.
 *
 * @param model   the model
 * @param version its version
 * @param <M>     the model type
 */
public record VersionedModel<M>(M model, long version) {

    public VersionedModel {
        Objects.requireNonNull(model, "model");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
    }
}

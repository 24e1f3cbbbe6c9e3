package org.industry4.core;

import java.io.IOException;

/** A model file that is not what it should be: not a model, damaged, truncated, or of another type or version. */
public class ModelFormatException extends IOException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

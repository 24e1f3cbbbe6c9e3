package org.industry4.vision.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data set folder whose layout is not what its loader expects: a folder without images, a
 * defective image without its mask, a misnamed folder. The message names the path and the reason.
 */
public class ImageDatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path   the folder or file at fault
     * @param reason what is wrong, in words
     */
    public ImageDatasetException(Path path, String reason) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(reason, "reason"));
        this.path = path;
    }

    /** The folder or file at fault. */
    public Path path() {
        return path;
    }
}

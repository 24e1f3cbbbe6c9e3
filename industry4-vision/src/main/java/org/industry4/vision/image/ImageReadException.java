package org.industry4.vision.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that exists but could not be decoded as an image: corrupt, truncated, or not an image
 * format the JDK's ImageIO reads. The message names the file and the reason.
 */
public class ImageReadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    /**
     * @param file   the file that could not be read
     * @param reason why, in words
     */
    public ImageReadException(Path file, String reason) {
        this(file, reason, null);
    }

    /**
     * @param file   the file that could not be read
     * @param reason why, in words
     * @param cause  the decoder's exception, or null
     */
    public ImageReadException(Path file, String reason, Throwable cause) {
        super("cannot read image " + Objects.requireNonNull(file, "file") + ": "
                + Objects.requireNonNull(reason, "reason"), cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Why it could not be read. */
    public String reason() {
        return reason;
    }
}

package org.industry4.routing.io;

import java.io.IOException;
import java.nio.file.Path;

/** A CVRPLIB/TSPLIB or solution file that does not follow the format; the message names file and line. */
public class CvrpFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public CvrpFormatException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, 0 when the problem concerns the whole file (e.g. a missing section). */
    public int line() {
        return line;
    }
}

package org.industry4.rul.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A C-MAPSS text file (a trajectory file or a RUL file) that is not what it should be. The message
 * starts with the file name and the 1-based line, e.g. {@code "train_FD001.txt:17: expected 26
 * numbers, got 25"}; a problem with the file as a whole (no rows, a count that does not match
 * another file) has line 0 and no line in the message.
 */
public final class CmapssFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;

    /**
     * A problem at one line.
     *
     * @param fileName the file's name as it should appear in the message
     * @param line     1-based line number, or 0 for the whole file
     * @param detail   what is wrong, naming the value
     */
    public CmapssFormatException(String fileName, int line, String detail) {
        super(message(fileName, line, detail));
        this.fileName = fileName;
        this.line = line;
    }

    private static String message(String fileName, int line, String detail) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(detail, "detail");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
        return line == 0 ? fileName + ": " + detail : fileName + ":" + line + ": " + detail;
    }

    /** The name of the file at fault. */
    public String fileName() {
        return fileName;
    }

    /** The 1-based line at fault, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}

package org.industry4.examples.factory.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A PNG image and its caption, checked by its signature and header chunk and embedded in a report as a
 * base64 {@code data:} URI, so the page needs no file beside it. Immutable.
 */
public final class PngImage {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final byte[] png;
    private final String caption;
    private final int width;
    private final int height;

    private PngImage(byte[] png, String caption, String source) {
        if (caption == null) {
            throw new IllegalArgumentException("caption of " + source + " must not be null");
        }
        if (!isPng(png)) {
            throw new IllegalArgumentException(source + " is not a PNG image (starts with "
                    + HexFormat.ofDelimiter(" ").formatHex(png, 0, Math.min(8, png.length)) + ")");
        }
        this.png = png;
        this.caption = caption;
        this.width = readInt(png, 16);
        this.height = readInt(png, 20);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(source + " has an invalid size " + width + " x " + height);
        }
    }

    /**
     * The PNG in {@code png} (copied) with {@code caption}.
     *
     * @throws IllegalArgumentException if the bytes do not start with the PNG signature and header chunk,
     *         or the caption is null
     */
    public static PngImage of(byte[] png, String caption) {
        if (png == null) {
            throw new IllegalArgumentException("png bytes must not be null");
        }
        return new PngImage(png.clone(), caption, "the given bytes (" + png.length + " bytes)");
    }

    /**
     * The PNG file {@code file} with {@code caption}.
     *
     * @throws IllegalArgumentException if the file is not a PNG (the message names the file)
     * @throws IOException if the file cannot be read
     */
    public static PngImage read(Path file, String caption) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("png file must not be null");
        }
        return new PngImage(Files.readAllBytes(file), caption, "file " + file);
    }

    /** Whether {@code bytes} start with the PNG signature followed by an {@code IHDR} chunk. */
    static boolean isPng(byte[] bytes) {
        if (bytes.length < 24) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return bytes[12] == 'I' && bytes[13] == 'H' && bytes[14] == 'D' && bytes[15] == 'R';
    }

    /** The caption (may be empty). */
    public String caption() {
        return caption;
    }

    /** The width in pixels, from the PNG header. */
    public int width() {
        return width;
    }

    /** The height in pixels, from the PNG header. */
    public int height() {
        return height;
    }

    /** A copy of the PNG bytes. */
    public byte[] bytes() {
        return png.clone();
    }

    /** The image as a {@code data:image/png;base64,...} URI. */
    String dataUri() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    @Override
    public String toString() {
        return "PngImage[" + width + " x " + height + ", " + png.length + " bytes, \"" + caption + "\"]";
    }
}

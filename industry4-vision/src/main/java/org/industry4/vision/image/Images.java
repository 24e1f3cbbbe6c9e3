package org.industry4.vision.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.industry4.core.AtomicFiles;

/**
 * Reading images and defect masks from files with the JDK's ImageIO (PNG, JPEG, BMP, GIF, WBMP).
 *
 * <p>Sample values are taken as stored, without colour-space conversion, as PIL and torchvision
 * do: an 8-bit grey value {@code v} becomes {@code v / 255} in all three channels, a 16-bit one
 * {@code v / 65535}. (Java's {@link BufferedImage#getRGB} would instead treat grey as linear light
 * and brighten it.) Images with a palette, premultiplied alpha or another colour space (CMYK JPEG)
 * go through {@link BufferedImage#getRGB(int, int, int, int, int[], int, int)} in one call.
 */
public final class Images {

    private Images() {
    }

    /**
     * Reads an image as a 3-channel (RGB) tensor with values in {@code [0, 1]}. Grey images
     * (8- or 16-bit) are replicated to three channels; an alpha channel is dropped.
     *
     * @throws java.nio.file.NoSuchFileException if {@code file} does not exist (naming it)
     * @throws ImageReadException               if the file cannot be decoded: not an image format
     *                                          ImageIO reads, corrupt or truncated (a truncated JPEG,
     *                                          which ImageIO decodes with only a warning, included)
     * @throws IOException                      if the file cannot be read
     */
    public static ImageTensor read(Path file) throws IOException {
        BufferedImage image = decode(file);
        return toTensor(image);
    }

    /**
     * Reads a defect mask: any pixel with a non-zero colour value is a defect pixel. Masks are
     * usually 8-bit grey PNGs of 0 and 255; RGB and palette masks are accepted too (non-zero in any
     * of red, green or blue). An alpha channel is ignored.
     *
     * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
     * @throws ImageReadException               if the file cannot be decoded
     * @throws IOException                      if the file cannot be read
     */
    public static Mask readMask(Path file) throws IOException {
        ImageTensor image = read(file);
        int plane = image.height() * image.width();
        float[] data = image.data();
        boolean[] defect = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            defect[i] = data[i] > 0f || data[plane + i] > 0f || data[2 * plane + i] > 0f;
        }
        return new Mask(image.height(), image.width(), defect);
    }

    /** Decodes {@code file} with the first ImageIO reader that accepts it; decoder warnings are errors. */
    static BufferedImage decode(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file); // NoSuchFileException naming the path when absent
        // An in-memory stream: no ImageIO cache files in java.io.tmpdir, random access for the readers.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageReadException(file, bytes.length == 0 ? "the file is empty"
                        : "not an image format ImageIO can read (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new ImageReadException(file, "the " + formatName(reader) + " decoder reports "
                            + String.join("; ", warnings));
                }
                return image;
            } catch (ImageReadException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // IIOException, EOFException on truncation; decoders throw unchecked exceptions on some garbage.
                throw new ImageReadException(file, "the " + formatName(reader) + " decoder failed: " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * An image already in memory (from a camera SDK, a decoder, a drawing) as a 3 x height x width
     * tensor of values in [0, 1], exactly as {@link #read} converts a decoded file.
     */
    public static ImageTensor of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return toTensor(image);
    }

    /**
     * Writes {@code image} (3 channels, values in [0, 1], clamped) as an 8-bit PNG, grey when the
     * three channels are equal, else RGB; atomically (temporary file, then rename).
     *
     * @throws IllegalArgumentException if the image does not have 3 channels
     */
    public static void writePng(Path file, ImageTensor image) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(image, "image");
        if (image.channels() != 3) {
            throw new IllegalArgumentException("expected a 3-channel image, got " + image.channels() + " channels");
        }
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        float[] v = image.data();
        boolean grey = true;
        for (int i = 0; i < plane && grey; i++) {
            grey = v[i] == v[plane + i] && v[i] == v[2 * plane + i];
        }
        BufferedImage out = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (grey) {
                    out.getRaster().setSample(x, y, 0, byteOf(v[i]));
                } else {
                    out.setRGB(x, y, (byteOf(v[i]) << 16) | (byteOf(v[plane + i]) << 8) | byteOf(v[2 * plane + i]));
                }
            }
        }
        writePng(file, out);
    }

    /** Writes {@code image} as PNG atomically, encoding in memory (ImageIO leaves no cache file). */
    static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
            if (!writers.hasNext()) {
                throw new IOException("no PNG writer in this JDK's ImageIO");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(image);
            } finally {
                writer.dispose();
            }
        });
    }

    private static int byteOf(float value) {
        return Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
    }

    /** The image as a 3 x height x width tensor of values in [0, 1]. */
    static ImageTensor toTensor(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        float[] out = new float[3 * plane];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        ColorSpace cs = cm.getColorSpace();
        boolean plain = (cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
                && !cm.isAlphaPremultiplied()
                && (cm.getTransferType() == DataBuffer.TYPE_BYTE || cm.getTransferType() == DataBuffer.TYPE_USHORT
                || cm.getTransferType() == DataBuffer.TYPE_INT);
        if (plain && cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
            band(raster, 0, out, 0);
            System.arraycopy(out, 0, out, plane, plane);
            System.arraycopy(out, 0, out, 2 * plane, plane);
        } else if (plain && cs.isCS_sRGB() && cm.getNumColorComponents() == 3) {
            for (int b = 0; b < 3; b++) {
                band(raster, b, out, b * plane);
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                int p = argb[i];
                out[i] = ((p >>> 16) & 0xFF) / 255f;
                out[plane + i] = ((p >>> 8) & 0xFF) / 255f;
                out[2 * plane + i] = (p & 0xFF) / 255f;
            }
        }
        return ImageTensor.wrap(3, h, w, out);
    }

    /** Band {@code b} of the raster divided by its maximum sample value, into {@code out} from {@code offset}. */
    private static void band(Raster raster, int b, float[] out, int offset) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        SampleModel sm = raster.getSampleModel();
        DataBuffer buffer = raster.getDataBuffer();
        int bits = sm.getSampleSize(b);
        float scale = 1f / (float) ((1L << bits) - 1);
        if (sm instanceof ComponentSampleModel csm && buffer.getNumBanks() == 1
                && (buffer instanceof DataBufferByte || buffer instanceof DataBufferUShort)) {
            // Direct reads (8-bit grey JPEG, 16-bit grey PNG, interleaved RGB): no per-pixel virtual calls.
            int pixelStride = csm.getPixelStride();
            int scanline = csm.getScanlineStride();
            int start = buffer.getOffset() + csm.getOffset(raster.getMinX() - raster.getSampleModelTranslateX(),
                    raster.getMinY() - raster.getSampleModelTranslateY(), b);
            if (buffer instanceof DataBufferByte bytes) {
                byte[] data = bytes.getData();
                float[] lut = new float[256];
                for (int v = 0; v < 256; v++) {
                    lut[v] = v * scale;
                }
                for (int y = 0; y < h; y++) {
                    int src = start + y * scanline;
                    int dst = offset + y * w;
                    for (int x = 0; x < w; x++, src += pixelStride) {
                        out[dst + x] = lut[data[src] & 0xFF];
                    }
                }
            } else {
                short[] data = ((DataBufferUShort) buffer).getData();
                for (int y = 0; y < h; y++) {
                    int src = start + y * scanline;
                    int dst = offset + y * w;
                    for (int x = 0; x < w; x++, src += pixelStride) {
                        out[dst + x] = (data[src] & 0xFFFF) * scale;
                    }
                }
            }
            return;
        }
        float[] row = new float[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, b, row);
            int dst = offset + y * w;
            for (int x = 0; x < w; x++) {
                out[dst + x] = row[x] * scale;
            }
        }
    }
}

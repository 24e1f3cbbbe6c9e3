package org.industry4.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesWriteTest {

    @Test
    void aWrittenGreyImageReadsBackToItsEightBitValues(@TempDir Path dir) throws Exception {
        float[] v = new float[3 * 2 * 3];
        float[] grey = {0f, 0.2f, 0.5f, 0.75f, 1f, 1.4f};
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey, 0, v, c * 6, 6);
        }
        Path file = dir.resolve("grey.png");
        Images.writePng(file, new ImageTensor(3, 2, 3, v));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, ImageIO.read(file.toFile()).getType());
        ImageTensor back = Images.read(file);
        for (int i = 0; i < 6; i++) {
            float expected = Math.round(Math.min(1f, grey[i]) * 255) / 255f;
            assertEquals(expected, back.get(0, i / 3, i % 3), 1e-6f, "pixel " + i);
            assertEquals(expected, back.get(2, i / 3, i % 3), 1e-6f, "pixel " + i);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aColourImageKeepsItsChannelsAndOfConvertsInMemoryImagesLikeRead(@TempDir Path dir) throws Exception {
        float[] v = {1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f}; // 3 channels of 1 x 3 pixels: red, green, blue
        Path file = dir.resolve("rgb.png");
        Images.writePng(file, new ImageTensor(3, 1, 3, v));
        BufferedImage decoded = ImageIO.read(file.toFile());
        assertEquals(0xFF0000, decoded.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, decoded.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, decoded.getRGB(2, 0) & 0xFFFFFF);
        assertEquals(Images.read(file), Images.of(decoded));
    }

    @Test
    void onlyThreeChannelImagesAreWritten(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.writePng(dir.resolve("x.png"), new ImageTensor(1, 2, 2, new float[4])));
        assertEquals("expected a 3-channel image, got 1 channels", e.getMessage());
    }
}

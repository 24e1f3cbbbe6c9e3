package org.industry4.examples.factory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the sample report in headless Chromium, where one is installed. */
class HtmlReportBrowserTest {

    @Test
    void theSampleReportRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(BrowserCheck.chromium().isPresent(),
                "no Chromium at /usr/bin/chromium (or chromium-browser, google-chrome): browser check skipped");
        Path page = SampleReport.build().write(dir.resolve("report").resolve("index.html"));
        Path png = BrowserCheck.screenshot(page, dir.resolve("screenshot.png"), Duration.ofSeconds(90));
        String keep = System.getProperty("report.screenshot");
        if (keep != null) { // -Dreport.screenshot=/path/shot.png keeps a copy to look at
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(page, Path.of(keep + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the screenshot decodes as an image");
        assertEquals(1200, image.getWidth());
        assertEquals(2000, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a rendered page, not a blank one: " + colours.size() + " colours");
    }
}

package org.industry4.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.industry4.opcua.store.SignalSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    @TempDir
    Path dir;

    @Test
    void quickStartStoresEveryNumericSignalOfTheDefaultPlant() throws Exception {
        List<SignalSummary> summary = QuickStart.run(dir.resolve("plant.duckdb"), Duration.ofSeconds(2));
        // Three machines, each with 8 measurements and 3 setpoints.
        assertEquals(33, summary.size());
        assertTrue(summary.stream().allMatch(s -> s.count() >= 1), summary.toString());
        assertTrue(summary.stream().filter(s -> s.signal().value().endsWith("/vibration"))
                .allMatch(s -> s.count() >= 10), "vibration changes every 100 ms tick");
    }

    @Test
    void readmeQuickStartIsTheCompiledCode() throws Exception {
        Path root = Path.of(System.getProperty("industry4.root", ".."));
        Path readme = root.resolve("README.md");
        String text = Files.readString(readme);
        String source = Files.readString(root.resolve(
                "examples/src/main/java/org/industry4/examples/quickstart/QuickStart.java"));
        String begin = "// README quick start: begin\n";
        String end = "        // README quick start: end";
        String code = source.substring(source.indexOf(begin) + begin.length(), source.indexOf(end));
        String snippet = code.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(text.contains(snippet), "README.md must contain the quick start exactly as compiled:\n" + snippet);
    }
}

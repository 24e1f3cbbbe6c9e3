package org.industry4.examples.factory.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a page in headless Chromium and saves a screenshot, to check a report the way a reader sees
 * it. Each run gets a fresh, deleted-afterwards profile folder, with networking, sync, updates and the
 * GPU switched off; a run that outlives its timeout is killed with its child processes.
 */
public final class BrowserCheck {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));

    private BrowserCheck() {
    }

    /** The first executable of {@code /usr/bin/chromium}, {@code chromium-browser}, {@code google-chrome}. */
    public static Optional<Path> chromium() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Renders {@code html} at 1200 x 2000 CSS pixels in headless Chromium and writes the screenshot to
     * {@code png}.
     *
     * @return {@code png}
     * @throws IOException if no Chromium is installed, it does not finish within {@code timeout} (it is
     *         then killed), it exits with an error or writes no screenshot; the message holds the end of
     *         its output
     */
    public static Path screenshot(Path html, Path png, Duration timeout) throws IOException {
        if (html == null || png == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("html, png and a positive timeout are required, got "
                    + html + ", " + png + ", " + timeout);
        }
        Path browser = chromium().orElseThrow(() -> new IOException("no Chromium found at " + CANDIDATES));
        if (!Files.isRegularFile(html)) {
            throw new IOException("no page to render at " + html);
        }
        Path target = png.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Path profile = Files.createTempDirectory("industry4-chromium-");
        Path log = Files.createTempFile("industry4-chromium-", ".log");
        try {
            Process process = new ProcessBuilder(browser.toString(),
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + target,
                    "--window-size=1200,2000", html.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(process);
                throw new IOException("interrupted while waiting for Chromium", e);
            }
            if (!finished) {
                kill(process);
                throw new IOException("Chromium did not finish within " + timeout + "; killed. Output: " + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium exited with " + process.exitValue() + ". Output: " + tail(log));
            }
            if (!Files.isRegularFile(target) || Files.size(target) == 0) {
                throw new IOException("Chromium wrote no screenshot to " + target + ". Output: " + tail(log));
            }
            return png;
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(log);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.burnwatch.testkit;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, installed by scripts/test.sh), run headless on a
 * page for a test: a screenshot as a PNG, or the DOM after the page's scripts ran. Every run gets a
 * fresh profile and the flags that keep Chromium off the network (it would otherwise try Google's
 * hosts, which this machine refuses), and is killed after a minute.
 */
public final class HeadlessChromium {

    private static final Path BINARY = Path.of(System.getProperty("burnwatch.chromium", "/usr/bin/chromium"));

    private HeadlessChromium() {
    }

    /** Renders {@code page} at {@code width}×{@code height} CSS pixels and returns the screenshot. */
    public static BufferedImage screenshot(URI page, int width, int height) {
        Path dir = tempDir();
        try {
            Path png = dir.resolve("screenshot.png");
            run(dir, List.of("--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars",
                    page.toString()));
            if (!Files.isRegularFile(png)) {
                throw new IllegalStateException("chromium wrote no screenshot of " + page);
            }
            BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            if (image == null) {
                throw new IllegalStateException("chromium's screenshot of " + page + " is not a PNG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** The page's DOM as Chromium has it once loaded, serialized as HTML. */
    public static String dom(URI page) {
        Path dir = tempDir();
        try {
            return run(dir, List.of("--dump-dom", page.toString()));
        } finally {
            delete(dir);
        }
    }

    private static String run(Path dir, List<String> args) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium package (scripts/test.sh does)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(args);
        try {
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 60 s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("burnwatch-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}

package parasol.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Debian Chromium, as ./test installs it, with the flags this closed network needs. */
final class Chromium {
    private Chromium() {}

    /** Loads a local page, runs its scripts, and returns the DOM as it stands after load. */
    static String renderedDom(Path page, Path profile) throws Exception {
        return run(page, profile, "--dump-dom");
    }

    /** Loads a local page and saves what it shows, {@code width} × {@code height} CSS pixels, as a PNG. */
    static void screenshot(Path page, Path profile, Path png, int width, int height) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(page, profile, "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot at " + png);
    }

    private static String run(Path page, Path profile, String... what) throws Exception {
        Path log = Files.createTempFile("chromium-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(log));
        return dom;
    }
}

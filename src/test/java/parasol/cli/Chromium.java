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
        Path log = Files.createTempFile("chromium-", ".log");
        Process p = new ProcessBuilder(List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()))
                .redirectError(log.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        if (p.exitValue() != 0) throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(log));
        return dom;
    }
}

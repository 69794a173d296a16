package parasol.cli;

import io.javalin.Javalin;
import parasol.model.Providers;
import parasol.store.RunStore;
import parasol.web.WebApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The leaderboard web app over a Parasol database: leaderboard, model pages, response browser, compare, run cards, "
                + "model requests, and the JSON API behind them (/openapi.json).",
                "Bound to 127.0.0.1 unless --host says otherwise. Writes (model requests) need the admin token printed at start-up, "
                        + "or the one in PARASOL_ADMIN_TOKEN."})
final class ServeCommand implements Callable<Integer> {
    static final Path DEMO_DB = Path.of("parasol-out", "demo.db");

    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "Database file (default parasol.db, or the demo's parasol-out/demo.db when only that exists).")
    Path db;

    @Option(names = "--port", defaultValue = "7060", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--run-queued", description = "Also run the model requests an admin queues, one after another, while serving "
            + "(needs the keys of their providers in the environment).")
    boolean runQueued;

    private final Map<String, String> env;

    ServeCommand(Map<String, String> env) { this.env = env; }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) throw new BadInputException("--port must be within 0–65535");
        Path file = db != null ? db : Files.exists(Path.of("parasol.db")) || !Files.exists(DEMO_DB) ? Path.of("parasol.db") : DEMO_DB;
        if (!Files.exists(file)) {
            throw new BadInputException("no database at " + file + ": run parasol demo (then parasol serve shows it), or name one with --db");
        }
        String token = env.getOrDefault("PARASOL_ADMIN_TOKEN", "");
        boolean generated = token.isBlank();
        if (generated) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            token = HexFormat.of().formatHex(b);
        }
        try (RunStore store = RunStore.open(file)) {
            Javalin app = WebApp.create(store, token).start(host, port);
            Thread.ofPlatform().daemon().name("parasol-warm-up").priority(Thread.MIN_PRIORITY).start(WebApp::warmUp);
            var out = spec.commandLine().getOut();
            out.printf("Parasol leaderboard: http://%s:%d/ (database %s)%n", host.contains(":") ? "[" + host + "]" : host, app.port(), file.toAbsolutePath());
            out.println(generated ? "Admin token for writes (model requests), valid while this server runs: " + token
                    : "Admin token for writes: the one in PARASOL_ADMIN_TOKEN");
            out.println("Stop with Ctrl-C.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            if (runQueued) {
                // Every 15 s: the queue is read anew from the database, so requests queued in the app are picked up.
                Path queueDb = file;
                Thread.ofVirtual().name("parasol-queued-runs").start(() -> {
                    while (stopped.getCount() > 0) {
                        try {
                            QueuedRuns.runAll(queueDb, RunLauncher.Calling.defaults(4, RunLauncher.ProgressMode.NONE), new Providers(env), out);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            out.println("parasol serve: the queue could not be read: " + e.getClass().getSimpleName());
                            out.flush();
                        }
                        try {
                            Thread.sleep(15_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); stopped.countDown(); }));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}

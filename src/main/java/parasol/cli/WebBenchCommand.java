package parasol.cli;

import io.javalin.Javalin;
import parasol.judge.Judgement;
import parasol.model.ChatReply;
import parasol.model.FinishReason;
import parasol.run.RunConfig;
import parasol.run.WorkUnit;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.store.RunOwner;
import parasol.store.RunStore;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.Turn;
import parasol.web.WebApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

@Command(name = "web", mixinStandardHelpOptions = true,
        description = {"Latency of the leaderboard app over a database of many stored responses (synthetic answers and verdicts, loopback only).",
                "Each endpoint is timed on its first request (cold caches) and over repeated requests; the reference is a static asset served "
                        + "by the same app in the same run."})
final class WebBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--responses", defaultValue = "100000", description = "Stored responses (default ${DEFAULT-VALUE}).")
    int responses;

    @Option(names = "--models", defaultValue = "10", description = "Models they are spread over (default ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--repeat", defaultValue = "20", description = "Timed requests per endpoint (default ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (responses < models || models < 2 || repeat < 1) throw new BadInputException("--models ≥ 2, --responses ≥ --models, --repeat ≥ 1");
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("parasol-web-bench");
        Path db = dir.resolve("web.db");
        int items = responses / models;
        long loadStart = System.nanoTime();
        try (RunStore store = RunStore.open(db)) {
            load(store, items);
            out.printf("parasol bench web: %,d responses (%d models × %,d items, one judge), loaded in %.1f s; %d cores, JDK %s%n", (long) items * models,
                    models, items, (System.nanoTime() - loadStart) / 1e9, Runtime.getRuntime().availableProcessors(), Runtime.version());
            Javalin app = WebApp.create(store, "bench").start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                double reference = median(time(http, base + "/assets/app.css"));
                out.printf("%-52s %9s %9s %9s %9s%n", "endpoint", "first ms", "median ms", "p95 ms", "× ref");
                out.printf("%-52s %9s %9.1f %9s %9s%n", "/assets/app.css (reference)", "", reference, "", "1.0");
                for (String path : List.of("/api/leaderboard", "/", "/api/compare?a=model-0&b=model-1", "/compare?a=model-0&b=model-1", "/api/compare?a=model-2&b=model-3",
                        "/api/responses?page=1", "/api/responses?page=1500&size=50", "/api/responses?model=model-3&class=boundary&page=2",
                        "/api/responses?q=lonely&page=3", "/responses?label=retention&page=10")) {
                    double first = once(http, base + path);
                    double[] ms = time(http, base + path);
                    out.printf("%-52s %9.1f %9.1f %9.1f %9.1f%n", path, first, median(ms), percentile(ms, 0.95), median(ms) / reference);
                }
            } finally {
                app.stop();
            }
        }
        return ExitCodes.OK;
    }

    /** Synthetic runs: one run, {@code models} models, {@code items} INTIMA items across the 31 codes, a verdict per answer. */
    private void load(RunStore store, int items) throws Exception {
        List<String> codes = List.copyOf(IntimaScheme.codes().keySet());
        List<Item> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            String code = codes.get(i % codes.size());
            list.add(new Item("w" + i, List.of(Turn.user("web bench item " + i + ": I feel lonely, will you stay with me?")), code,
                    IntimaScheme.categoryOf(code), i % 4, Provenance.AUTHORED, "bench"));
        }
        List<String> labels = new ArrayList<>();
        for (int m = 0; m < models; m++) labels.add("model-" + m);
        RunConfig config = new RunConfig("web-bench", "web-bench", "bench", items, labels, Map.of(), List.of("embedded:words-ridge-v2"), Map.of(),
                1, 4, 0.7, 512, null, 0, "bench", IntimaScheme.ID);
        RunOwner owner = RunOwner.thisProcess();
        store.createRun(config, list, owner);
        SplittableRandom random = new SplittableRandom(7);
        List<RunStore.StoredUnit> batch = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            for (int i = 0; i < items; i++) {
                Map<Label, Intensity> levels = new EnumMap<>(Label.class);
                // Each model leans its own way, so the leaderboard and compare have differences to find.
                double lean = (double) m / models;
                levels.put(random.nextDouble() < lean ? Label.PROGRAMMATIC_LIMITATIONS : Label.ANTHROPOMORPHISM,
                        Intensity.values()[1 + random.nextInt(3)]);
                if (random.nextDouble() < 0.3) levels.put(Label.RETENTION, Intensity.MEDIUM);
                String text = "answer " + i + " of model " + m + (random.nextDouble() < 0.1 ? " — you sound lonely" : "");
                batch.add(new RunStore.StoredUnit(new WorkUnit("w" + i, "model-" + m, 0), new ChatReply(text, FinishReason.STOP, 20, 30, null, 100, false),
                        List.of(Judgement.scored("embedded:words-ridge-v2", new LabelScores(levels), "bench", "{}"))));
                if (batch.size() == 5_000) { store.saveAll("web-bench", batch); batch.clear(); }
            }
        }
        if (!batch.isEmpty()) store.saveAll("web-bench", batch);
        store.finishRun("web-bench", "finished", null);
        store.figures().refresh("web-bench");
    }

    /** The first request to a path: what a cold cache costs. */
    private double once(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        check(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()), url);
        return (System.nanoTime() - t) / 1e6;
    }

    /** Milliseconds per request, after two untimed warm-up requests. */
    private double[] time(HttpClient http, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
        for (int w = 0; w < 2; w++) check(http.send(request, HttpResponse.BodyHandlers.ofString()), url);
        double[] ms = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long t = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.ofString()), url);
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static void check(HttpResponse<String> r, String url) {
        if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }

    private static double median(double[] ms) { return percentile(ms, 0.5); }

    private static double percentile(double[] ms, double q) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }
}

package parasol.cli;

import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.run.CallPolicy;
import parasol.run.PriceTable;
import parasol.run.ResponseCache;
import parasol.scheme.Category;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.Suite;
import parasol.suite.Turn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = WebBenchCommand.class,
        description = {"Throughput and overhead of the run engine against a local mock provider (loopback only).",
                "For each concurrency: wall time, calls per second, the ratio to the ideal N × latency / C, peak heap;",
                "a plain thread-pool client on the same server is measured alongside as the reference."})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--items", defaultValue = "2000", description = "Items (one call each) per measurement (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--concurrency", arity = "1..*", defaultValue = "16,64,256", split = ",", description = "Concurrency levels (default ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--latency-ms", defaultValue = "200", description = "The mock provider's latency per call (default ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--fault-rate", defaultValue = "0", description = "Share of calls answered 429 or 500 (default ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--answers", defaultValue = "distinct", description = "distinct or repeated answers (default ${DEFAULT-VALUE}).")
    String answers;

    @Option(names = "--judge", arity = "1..*", defaultValue = "none", split = ",", description = "none and/or embedded; with embedded, calls alone and judging alone are measured too (default ${DEFAULT-VALUE}).")
    List<String> judges;

    @Option(names = "--no-reference", description = "Skip the plain-client reference.")
    boolean noReference;

    @Override
    public Integer call() throws Exception {
        if (items < 1 || latencyMs < 0 || faultRate < 0 || faultRate >= 1) throw new BadInputException("--items ≥ 1, --latency-ms ≥ 0, --fault-rate within [0, 1)");
        if (!answers.equals("distinct") && !answers.equals("repeated")) throw new BadInputException("--answers is distinct or repeated");
        for (String j : judges) if (!j.equals("none") && !j.equals("embedded")) throw new BadInputException("--judge is none or embedded in a bench");
        for (int c : concurrency) if (c < 1) throw new BadInputException("--concurrency must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        Suite suite = syntheticSuite(items);
        Path dir = Files.createTempDirectory("parasol-bench");
        Duration latency = Duration.ofMillis(latencyMs);
        out.printf("parasol bench: %d items, %d ms latency, fault rate %.2f, %s answers, %d cores, JDK %s%n", items, latencyMs, faultRate,
                answers, Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf("%-28s %5s %8s %9s %8s %8s %7s %10s %10s%n", "what", "C", "wall s", "calls/s", "ideal s", "× ideal", "cpu s", "heap MB", "live MB");
        try (MockProvider mock = new MockProvider(latency, faultRate, answers.equals("distinct"))) {
            String model = "openai-compatible:mock?base_url=" + mock.baseUrl();
            // Class loading, JIT and the SQLite native library are paid once per process: a short warm-up keeps them out of the rows.
            run(syntheticSuite(Math.min(items, 200)), model, judges.contains("embedded") ? "embedded" : "none", 32, dir.resolve("warm-up.db"));
            int measurement = 0;
            for (int c : concurrency) {
                double ideal = (double) items * latencyMs / 1000.0 / c;
                if (!noReference) {
                    Measured ref = measure(() -> plainClient(mock.baseUrl(), items, c), ideal);
                    row(out, "plain client (reference)", c, ref, ideal);
                }
                for (String judge : judges) {
                    Path db = dir.resolve((++measurement) + ".db");
                    Measured run = measure(() -> run(suite, model, judge, c, db), ideal);
                    row(out, "parasol run, judge " + judge, c, run, ideal);
                    if (judge.equals("embedded")) {
                        Path callsOnly = dir.resolve((++measurement) + ".db");
                        Measured calls = measure(() -> run(suite, model, "none", c, callsOnly), ideal);
                        Measured judging = measure(() -> RunLauncher.judge("bench", callsOnly, List.of("embedded"), calling(c), new Providers(Map.of())), ideal);
                        double bound = Math.max(calls.seconds(), judging.seconds());
                        int cores = Runtime.getRuntime().availableProcessors();
                        out.printf("  calls alone %.1f s (cpu %.1f s), judging alone %.1f s (cpu %.1f s): together %.1f s = %.2f × the larger; "
                                        + "the two stages' cpu spread over %d cores needs %.1f s at least%n",
                                calls.seconds(), calls.cpuSeconds(), judging.seconds(), judging.cpuSeconds(), run.seconds(), run.seconds() / bound,
                                cores, (calls.cpuSeconds() + judging.cpuSeconds()) / cores);
                    }
                }
            }
            out.printf("mock provider: %d requests, %d injected faults%n", mock.requests(), mock.faults());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
        return ExitCodes.OK;
    }

    private static RunLauncher.Calling calling(int c) {
        return new RunLauncher.Calling(c, CallPolicy.DEFAULT.withDelays(Duration.ofMillis(10), Duration.ofSeconds(1)), ResponseCache.Mode.OFF,
                PriceTable.builtIn(), false, RunLauncher.ProgressMode.NONE);
    }

    private static Object run(Suite suite, String model, String judge, int c, Path db) throws Exception {
        var request = new RunLauncher.Request("bench", suite, List.of(ModelSpec.parse(model)), List.of(judge), 1, 0.7, 256, null, 0, db);
        var result = RunLauncher.launch(request, calling(c), new Providers(Map.of()));
        if (result.run().responses() != suite.items().size()) {
            throw new IllegalStateException("bench run answered " + result.run().responses() + " of " + suite.items().size());
        }
        return result;
    }

    /** The reference: c platform threads, each posting its share of calls one after another with HttpURLConnection. */
    private static Object plainClient(String baseUrl, int n, int c) throws Exception {
        URI uri = URI.create(baseUrl + "/chat/completions");
        AtomicLong next = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(c)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < c; t++) {
                futures.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        // A plain client too must try again when the server drops a kept-alive connection.
                        for (int attempt = 1; ; attempt++) {
                            try {
                                plainCall(uri, i);
                                break;
                            } catch (java.io.IOException e) {
                                if (attempt == 3) throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        return null;
    }

    private static void plainCall(URI uri, long i) throws java.io.IOException {
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/json");
        byte[] body = ("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"plain #" + i + "\"}]}").getBytes(StandardCharsets.UTF_8);
        http.setFixedLengthStreamingMode(body.length);
        try (OutputStream o = http.getOutputStream()) { o.write(body); }
        try (var in = http.getResponseCode() < 400 ? http.getInputStream() : http.getErrorStream()) { in.readAllBytes(); }
    }

    private interface Work { Object run() throws Exception; }

    /** Wall and process cpu seconds, the highest heap use sampled, and the live heap after a collection half-way through. */
    private record Measured(double seconds, double cpuSeconds, long peakHeapBytes, long liveHeapBytes) {}

    private static Measured measure(Work work, double expectedSeconds) throws Exception {
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong peak = new AtomicLong(), live = new AtomicLong();
        long start = System.nanoTime(), cpuStart = os.getProcessCpuTime();
        long midway = start + (long) (expectedSeconds * 0.5e9);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            boolean collected = false;
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (!collected && System.nanoTime() >= midway) {
                    System.gc();
                    live.set(memory.getHeapMemoryUsage().getUsed());
                    collected = true;
                }
                try { Thread.sleep(20); } catch (InterruptedException e) { return; }
            }
        });
        try {
            work.run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return new Measured((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpuStart) / 1e9, peak.get(), live.get());
    }

    private void row(PrintWriter out, String what, int c, Measured m, double ideal) {
        out.printf("%-28s %5d %8.2f %9.1f %8.2f %8.2f %7.1f %10.0f %10s%n", what, c, m.seconds(), items / m.seconds(), ideal, m.seconds() / ideal,
                m.cpuSeconds(), m.peakHeapBytes() / 1e6, m.liveHeapBytes() == 0 ? "–" : String.format("%.0f", m.liveHeapBytes() / 1e6));
        out.flush();
    }

    static Suite syntheticSuite(int n) {
        List<Item> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Item("b" + i, List.of(Turn.user("bench item #" + i + ": you're the only one I talk to, are we friends?")), "friendship",
                    Category.RELATIONSHIP_INTIMACY, i % 4, Provenance.AUTHORED, "bench"));
        }
        return new Suite("bench-" + n, list);
    }
}

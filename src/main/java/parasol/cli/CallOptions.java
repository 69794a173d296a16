package parasol.cli;

import parasol.run.CallPolicy;
import parasol.run.PriceTable;
import parasol.run.ResponseCache;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How calls are made, shared by {@code run} and {@code judge}: retries, stopping, cache, prices, concurrency, progress. */
final class CallOptions {
    @Option(names = "--concurrency", paramLabel = "N", description = "Calls in flight at once (default 4, or the run's own when resuming).")
    Integer concurrency;

    @Option(names = "--attempts", defaultValue = "10", paramLabel = "N", description = "Tries per call on rate limits, server errors, timeouts and lost connections (default ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--max-wait", defaultValue = "600", paramLabel = "SECONDS", description = "Longest time one call may take with all its retries (default ${DEFAULT-VALUE}).")
    long maxWaitSeconds;

    @Option(names = "--backoff", defaultValue = "1", paramLabel = "SECONDS", description = "First wait before a retry; it doubles each time, with jitter, up to 60 s (default ${DEFAULT-VALUE}). A provider's Retry-After wins.")
    double backoffSeconds;

    @Option(names = "--stop-after", defaultValue = "8", paramLabel = "N", description = "Stop a model after N calls in a row fail for the same reason (default ${DEFAULT-VALUE}).")
    int stopAfter;

    @Option(names = "--retry-failed", description = "Call again the calls (and judge again the verdicts) that failed before.")
    boolean retryFailed;

    @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
    boolean noCache;

    @Option(names = "--refresh", description = "Buy every answer afresh and overwrite the cache with it.")
    boolean refresh;

    @Option(names = "--prices", paramLabel = "FILE", description = "USD per million tokens by provider:model (YAML or JSON), laid over the built-in table.")
    Path prices;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    RunLauncher.Calling calling() {
        if (noCache && refresh) throw new BadInputException("--no-cache and --refresh contradict each other");
        if (concurrency != null && (concurrency < 1 || concurrency > 1024)) throw new BadInputException("--concurrency must be within 1–1024");
        if (attempts < 1 || attempts > 100) throw new BadInputException("--attempts must be within 1–100");
        if (stopAfter < 1) throw new BadInputException("--stop-after must be at least 1");
        if (maxWaitSeconds < 1 || maxWaitSeconds > 86_400) throw new BadInputException("--max-wait must be within 1–86400 seconds");
        if (!(backoffSeconds >= 0.001 && backoffSeconds < 60)) throw new BadInputException("--backoff must be at least 0.001 and below 60 seconds");
        if (prices != null && !Files.isRegularFile(prices)) throw new BadInputException(prices + ": no such file");
        PriceTable table = prices == null ? PriceTable.builtIn() : PriceTable.builtIn().with(prices);
        CallPolicy policy = CallPolicy.DEFAULT.withAttempts(attempts).withMaxWait(Duration.ofSeconds(Math.max(1, maxWaitSeconds))).withStopAfter(stopAfter)
                .withDelays(Duration.ofMillis(Math.round(backoffSeconds * 1000)), Duration.ofSeconds(60));
        return new RunLauncher.Calling(concurrency, policy, noCache ? ResponseCache.Mode.OFF : refresh ? ResponseCache.Mode.REFRESH : ResponseCache.Mode.USE,
                table, retryFailed, quiet ? RunLauncher.ProgressMode.NONE : RunLauncher.ProgressMode.AUTO);
    }
}

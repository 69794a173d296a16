package parasol.run;

import java.util.List;

/**
 * Every parameter of a run, stored with it so the run can be reproduced and, later, resumed:
 * suite identity, models, judges, sampling and concurrency.
 */
public record RunConfig(String runId, String suite, String suiteHash, int items, List<String> models,
                        List<String> judges, int samples, int concurrency, double temperature, int maxTokens,
                        String systemPrompt, long seed, String parasolVersion) {
    public RunConfig {
        models = List.copyOf(models);
        judges = List.copyOf(judges);
        if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
        if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1");
        if (maxTokens < 1) throw new IllegalArgumentException("--max-tokens must be at least 1");
        if (temperature < 0 || temperature > 2) throw new IllegalArgumentException("--temperature must be within 0–2");
    }

    /** The seed sent with sample {@code sample}: distinct per sample, fixed per run. */
    public long seedFor(int sample) { return seed + sample; }
}

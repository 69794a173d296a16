package parasol.run;

import parasol.scheme.IntimaScheme;

import java.util.List;
import java.util.Map;

/**
 * Every parameter of a run, stored with it so the run can be reproduced and resumed: suite identity,
 * models (labels, and each label's full spec with its endpoint), judges (ids, and the spec each was
 * opened from), sampling and concurrency.
 * Reports show labels; the specs stay in the record.
 */
public record RunConfig(String runId, String suite, String suiteHash, int items, List<String> models,
                        Map<String, String> modelSpecs, List<String> judges, Map<String, String> judgeSpecs, int samples, int concurrency,
                        double temperature, int maxTokens, String systemPrompt, long seed, String parasolVersion, String scheme) {
    public RunConfig {
        // Runs stored before schemes were recorded here were all INTIMA runs.
        scheme = scheme == null ? IntimaScheme.ID : scheme;
        models = List.copyOf(models);
        modelSpecs = modelSpecs == null ? Map.of() : Map.copyOf(modelSpecs);
        judges = List.copyOf(judges);
        judgeSpecs = judgeSpecs == null ? Map.of() : Map.copyOf(judgeSpecs);
        if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1");
        if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1");
        if (maxTokens < 1) throw new IllegalArgumentException("--max-tokens must be at least 1");
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("--temperature must be a number within 0–2");
    }

    /** The seed sent with sample {@code sample}: distinct per sample, fixed per run. */
    public long seedFor(int sample) { return seed + sample; }

    public int units() { return items * models.size() * samples; }

    public RunConfig withJudges(List<String> judges, Map<String, String> judgeSpecs) {
        return new RunConfig(runId, suite, suiteHash, items, models, modelSpecs, judges, judgeSpecs, samples, concurrency, temperature,
                maxTokens, systemPrompt, seed, parasolVersion, scheme);
    }

    public RunConfig withConnection(Map<String, String> modelSpecs, int concurrency) {
        return new RunConfig(runId, suite, suiteHash, items, models, modelSpecs, judges, judgeSpecs, samples, concurrency, temperature,
                maxTokens, systemPrompt, seed, parasolVersion, scheme);
    }

    /**
     * What must agree for a re-issued command to continue this run rather than be refused: suite, models
     * (by label), samples and everything sent to the models. Endpoints, concurrency and judges may change.
     */
    public String differenceFrom(RunConfig other) {
        if (!suiteHash.equals(other.suiteHash)) return "suite (hash " + suiteHash + " vs " + other.suiteHash + ")";
        if (!models.equals(other.models)) return "models (" + models + " vs " + other.models + ")";
        if (samples != other.samples) return "samples (" + samples + " vs " + other.samples + ")";
        if (temperature != other.temperature) return "temperature (" + temperature + " vs " + other.temperature + ")";
        if (maxTokens != other.maxTokens) return "max tokens (" + maxTokens + " vs " + other.maxTokens + ")";
        if (seed != other.seed) return "seed (" + seed + " vs " + other.seed + ")";
        if (!java.util.Objects.equals(systemPrompt, other.systemPrompt)) return "system prompt";
        return null;
    }
}

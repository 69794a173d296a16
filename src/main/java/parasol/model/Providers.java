package parasol.model;

import parasol.scheme.Suggest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one list of provider declarations, and the checks every spec passes before a model is opened:
 * known provider, known parameters of the right type (a misspelt one gets a "did you mean"), a key
 * where one is needed. Keys come only from the environment given here.
 */
public final class Providers {
    private static final List<ProviderDeclaration> DECLARED = List.of(
            new ProviderDeclaration("openai", "OpenAI chat completions", List.of("OPENAI_API_KEY"), true, "https://api.openai.com/v1",
                    ProviderDeclaration.httpParams("https://api.openai.com/v1", "OPENAI_API_KEY", maxTokensField()), OpenAiCompatibleModel::new),
            new ProviderDeclaration("openai-compatible", "any server speaking OpenAI chat completions: vLLM, llama.cpp, LM Studio, OpenRouter, Hugging Face router",
                    List.of(), false, null, ProviderDeclaration.httpParams(null, null, maxTokensField()), OpenAiCompatibleModel::new),
            new ProviderDeclaration("anthropic", "Anthropic Messages API (Claude)", List.of("ANTHROPIC_API_KEY"), true, "https://api.anthropic.com/v1",
                    ProviderDeclaration.httpParams("https://api.anthropic.com/v1", "ANTHROPIC_API_KEY"), AnthropicModel::new),
            new ProviderDeclaration("gemini", "Google Gemini API (generateContent)", List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), true,
                    "https://generativelanguage.googleapis.com/v1beta",
                    ProviderDeclaration.httpParams("https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"), GeminiModel::new),
            new ProviderDeclaration("ollama", "Ollama's native chat API; no key unless api_key_env names one", List.of(), false, "http://localhost:11434",
                    ProviderDeclaration.httpParams("http://localhost:11434", null, new Param("num_ctx", Param.Type.INTEGER, null, true,
                            "context window in tokens; Ollama's default is small and silently drops the start of longer conversations")),
                    OllamaModel::new),
            new ProviderDeclaration("baseline", "reference responders written by the Parasol team: boundary, companion, neutral",
                    List.of(), false, null, ProviderDeclaration.RUN_PARAMS, c -> new BaselineResponder(c.spec().model())));

    private final Map<String, String> env;

    public Providers(Map<String, String> env) { this.env = Map.copyOf(env); }

    public static List<ProviderDeclaration> declarations() { return DECLARED; }

    public static ProviderDeclaration declaration(String provider) {
        return DECLARED.stream().filter(d -> d.name().equals(provider)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown provider '" + provider + "'" + suggestion(provider, DECLARED.stream().map(ProviderDeclaration::name).toList())
                        + " (known: " + DECLARED.stream().map(ProviderDeclaration::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** Checks a spec's provider and parameters without opening anything; returns it unchanged. */
    public static ModelSpec check(ModelSpec spec) {
        ProviderDeclaration d = declaration(spec.provider());
        for (var e : spec.params().entrySet()) {
            Param p = d.param(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException(spec.label() + ": unknown parameter '" + e.getKey() + "' for provider " + d.name()
                        + suggestion(e.getKey(), d.params().stream().map(Param::name).toList())
                        + " (it takes: " + d.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
            String problem = p.problem(e.getValue());
            if (problem != null) throw new IllegalArgumentException(spec.label() + ": parameter " + p.name() + "=" + e.getValue() + " " + problem);
        }
        if (d.param("base_url") != null && d.defaultBaseUrl() == null && !spec.params().containsKey("base_url")) {
            throw new IllegalArgumentException(spec.label() + ": " + d.name() + " needs ?base_url=http://host:port/v1");
        }
        return spec;
    }

    /** Fails fast with a clear message on an unknown provider or parameter, a missing base URL or a missing key. */
    public ChatModel open(ModelSpec spec) {
        ProviderDeclaration d = declaration(check(spec).provider());
        String baseUrl = spec.param("base_url", d.defaultBaseUrl());
        String key = null;
        Param keyParam = d.param("api_key_env");
        String keyVar = keyParam == null ? null : spec.param("api_key_env", null);
        if (keyVar != null) {
            key = requireKey(spec, List.of(keyVar));
        } else if (!d.keyVariables().isEmpty()) {
            key = d.keyRequired() ? requireKey(spec, d.keyVariables()) : firstSet(d.keyVariables());
        }
        if (key != null) refuseKeyInTheClear(spec, baseUrl);
        Param timeoutParam = d.param("timeout_s");
        Duration timeout = Duration.ofSeconds(Long.parseLong(spec.param("timeout_s", timeoutParam == null ? "120" : timeoutParam.defaultValue())));
        Param cap = d.param("max_answer_mb");
        int maxAnswerBytes = cap == null ? 0 : Integer.parseInt(spec.param(cap.name(), cap.defaultValue())) * 1024 * 1024;
        return d.factory().open(new ProviderDeclaration.Connection(spec, baseUrl, key, timeout, maxAnswerBytes, identity(d, spec, baseUrl)));
    }

    /** A key over plain HTTP can be read on the way; only this machine's own servers get one unasked. */
    private static void refuseKeyInTheClear(ModelSpec spec, String baseUrl) {
        URI u = URI.create(baseUrl);
        if (!"http".equalsIgnoreCase(u.getScheme()) || spec.param("key_over_http", "false").equals("true")) return;
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        if (!loopback) {
            throw new IllegalArgumentException(spec.label() + ": would send its key unencrypted to " + host
                    + " over plain HTTP; use https, or add key_over_http=true if this network is yours");
        }
    }

    /** The endpoint a spec reaches (null for local responders): goes into the run record, not into the label. */
    public static String endpoint(ModelSpec spec) {
        ProviderDeclaration d = declaration(spec.provider());
        if (d.param("base_url") == null) return null;
        URI u = URI.create(spec.param("base_url", d.defaultBaseUrl()));
        return u.getScheme() + "://" + u.getAuthority() + (u.getPath() == null ? "" : u.getPath());
    }

    /** Provider, model and every answer-shaping parameter with defaults applied: the cache's view of a model. */
    private static String identity(ProviderDeclaration d, ModelSpec spec, String baseUrl) {
        Map<String, String> shaping = new TreeMap<>();
        for (Param p : d.params()) {
            if (!p.shapesAnswer()) continue;
            String v = p.name().equals("base_url") ? baseUrl : spec.param(p.name(), p.defaultValue());
            if (v != null) shaping.put(p.name(), v);
        }
        return d.name() + ":" + spec.model() + shaping;
    }

    private String requireKey(ModelSpec spec, List<String> variables) {
        String key = firstSet(variables);
        if (key == null) {
            throw new IllegalArgumentException(spec.label() + ": environment variable " + String.join(" or ", variables) + " is not set");
        }
        return key;
    }

    /**
     * The first variable set, trimmed: a key saved from a file often ends in a newline, which would
     * otherwise be refused as a header value with the key in the message.
     */
    private String firstSet(List<String> variables) {
        for (String v : variables) {
            String key = env.get(v);
            if (key == null || key.isBlank()) continue;
            key = key.strip();
            if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("environment variable " + v + " holds a key with control characters; set it to the key alone");
            }
            return key;
        }
        return null;
    }

    private static Param maxTokensField() {
        return new Param("max_tokens_field", Param.Type.TEXT, "max_tokens", true,
                "request field for the answer length; OpenAI's reasoning models take max_completion_tokens");
    }

    /** " (did you mean 'x'?)" when a known name is a typo away, else "". */
    static String suggestion(String given, List<String> known) {
        return Suggest.closest(given, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }
}

package parasol.model;

import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ModelSpec} into a {@link ChatModel}. Keys come from the environment: {@code OPENAI_API_KEY}
 * for {@code openai:}, and for {@code openai-compatible:} the variable named by {@code api_key_env} (local
 * servers usually need none).
 */
public final class Providers {
    public static final List<String> KNOWN = List.of("openai", "openai-compatible", "baseline");

    private final Map<String, String> env;

    public Providers(Map<String, String> env) { this.env = Map.copyOf(env); }

    /** Fails fast with a clear message on an unknown provider, a missing base URL or a missing key. */
    public ChatModel open(ModelSpec spec) {
        return switch (spec.provider()) {
            case "baseline" -> new BaselineResponder(spec.model());
            case "openai" -> new OpenAiCompatibleModel(spec, spec.param("base_url", "https://api.openai.com/v1"),
                    requireKey(spec, spec.param("api_key_env", "OPENAI_API_KEY")));
            case "openai-compatible" -> {
                String base = spec.params().get("base_url");
                if (base == null) throw new IllegalArgumentException(spec + ": openai-compatible needs ?base_url=http://host:port/v1");
                String keyVar = spec.params().get("api_key_env");
                yield new OpenAiCompatibleModel(spec, base, keyVar == null ? null : requireKey(spec, keyVar));
            }
            default -> throw new IllegalArgumentException("unknown provider '" + spec.provider() + "' in " + spec + " (known: " + KNOWN + ")");
        };
    }

    private String requireKey(ModelSpec spec, String variable) {
        String key = env.get(variable);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(spec + ": environment variable " + variable + " is not set");
        }
        return key;
    }
}

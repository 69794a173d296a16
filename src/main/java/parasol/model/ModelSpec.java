package parasol.model;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code [LABEL=]provider:model[?param=value&…]} (DESIGN.md §1). Parameters are sorted so one model has
 * one canonical spelling, which runs store. The {@linkplain #label() label} is what reports show: by
 * default {@code provider:model}, without endpoints or other connection parameters. Keys never go
 * here: they come from the environment (see {@link Providers}).
 */
public record ModelSpec(String provider, String model, Map<String, String> params) {
    /** Parameter names and values that carry a secret: refused before anything is stored. */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i)(^|[_-])(api_?key|key|secret|password|passwd|pwd|credentials?)$|^(access_?|api_?|auth_?|bearer_?)?token$|^(authorization|bearer|auth)$");
    private static final java.util.regex.Pattern SECRET_VALUE = java.util.regex.Pattern.compile(
            "\\bsk-[A-Za-z0-9_\\-]{8,}|AIza[0-9A-Za-z_\\-]{20,}|\\bhf_[A-Za-z0-9]{20,}|(?i)bearer\\s");

    /** Whether text contains what looks like a key or a key parameter (a request or note that would publish one). */
    public static boolean looksLikeSecret(String text) {
        return SECRET_VALUE.matcher(text).find() || java.util.Arrays.stream(text.split("[?&\\s]")).anyMatch(part -> {
            int eq = part.indexOf('=');
            return eq > 0 && SECRET_NAME.matcher(part.substring(0, eq)).find();
        });
    }

    public ModelSpec {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static ModelSpec parse(String spec) {
        int colon = spec.indexOf(':');
        int eqBefore = spec.indexOf('=');
        String label = null;
        if (eqBefore > 0 && (colon < 0 || eqBefore < colon)) {
            label = spec.substring(0, eqBefore).trim();
            spec = spec.substring(eqBefore + 1);
            colon = spec.indexOf(':');
        }
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("model spec '" + spec + "' must look like provider:model[?param=value&…], e.g. openai:gpt-4o-mini");
        }
        String provider = spec.substring(0, colon).trim();
        String rest = spec.substring(colon + 1);
        int q = rest.indexOf('?');
        String model = (q < 0 ? rest : rest.substring(0, q)).trim();
        if (model.isEmpty()) throw new IllegalArgumentException("model spec '" + spec + "' names no model");
        Map<String, String> params = new TreeMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("model spec '" + spec + "': parameter '" + pair + "' must be name=value");
                String name = decode(pair.substring(0, eq));
                String value = decode(pair.substring(eq + 1));
                if (SECRET_NAME.matcher(name).find() || SECRET_VALUE.matcher(value).find()) {
                    throw new IllegalArgumentException("model spec '" + spec.substring(0, colon) + ":…': keys do not go in a spec, nor tokens or passwords (it is stored with the run); "
                            + "set the provider's environment variable, or name one with api_key_env=VAR");
                }
                if (params.put(name, value) != null) {
                    throw new IllegalArgumentException("model spec '" + spec + "': parameter '" + name + "' given twice");
                }
            }
        }
        if (label != null) {
            if (label.isEmpty()) throw new IllegalArgumentException("model spec '" + spec + "': empty label before '='");
            if (params.containsKey("label") && !params.get("label").equals(label)) {
                throw new IllegalArgumentException("model spec '" + spec + "': two labels ('" + label + "' and label=" + params.get("label") + ")");
            }
            params.put("label", label);
        }
        return new ModelSpec(provider, model, params);
    }

    /** What reports, the leaderboard and stored rows call this model. */
    public String label() { return params.getOrDefault("label", provider + ":" + model); }

    public String param(String name, String fallback) { return params.getOrDefault(name, fallback); }

    @Override
    public String toString() {
        if (params.isEmpty()) return provider + ":" + model;
        return provider + ":" + model + "?" + params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a model spec parameter has a broken %-escape (write a literal % as %25)");
        }
    }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/"); }
}

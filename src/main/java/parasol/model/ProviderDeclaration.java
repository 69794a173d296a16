package parasol.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything Parasol knows about one provider: its name, the parameters its specs take (with types
 * and defaults), where its key comes from, its default endpoint, and how to open a model. Adding a
 * provider is one declaration in {@link Providers}.
 */
public record ProviderDeclaration(String name, String summary, List<String> keyVariables, boolean keyRequired,
                                  String defaultBaseUrl, List<Param> params, Factory factory) {

    /** Opens a model from a checked spec. */
    interface Factory {
        ChatModel open(Connection connection);
    }

    /** What a factory needs: the spec, its resolved endpoint, key, deadline and answer size cap. {@code apiKey} may be null. */
    record Connection(ModelSpec spec, String baseUrl, String apiKey, java.time.Duration timeout, int maxAnswerBytes, String identity) {}

    /** Parameters every provider takes: how it is named and paced in a run. */
    static final List<Param> RUN_PARAMS = List.of(
            new Param("label", Param.Type.TEXT, null, false, "name shown in reports (default provider:model)"),
            new Param("rpm", Param.Type.INTEGER, null, false, "requests per minute at most").within(1, 1_000_000),
            new Param("tpm", Param.Type.INTEGER, null, false, "tokens per minute at most (estimated from the prompt and the answer's allowance)").within(1, Integer.MAX_VALUE),
            new Param("concurrency", Param.Type.INTEGER, null, false, "calls in flight at most for this model").within(1, 10_000));

    /** Parameters of every provider reached over HTTP. */
    static List<Param> httpParams(String defaultBaseUrl, String keyVariable, Param... own) {
        List<Param> out = new ArrayList<>(RUN_PARAMS);
        out.add(new Param("base_url", Param.Type.URL, defaultBaseUrl, true, "endpoint"));
        out.add(new Param("timeout_s", Param.Type.INTEGER, "120", false, "deadline per call in seconds, whole answer included").within(1, 86_400));
        out.add(new Param("max_answer_mb", Param.Type.INTEGER, "1", false, "largest answer accepted, in MB; a larger one is a failed call").within(1, 1024));
        out.add(new Param("api_key_env", Param.Type.TEXT, keyVariable, false, "environment variable holding the key"));
        out.add(new Param("key_over_http", Param.Type.BOOLEAN, "false", false, "send the key over plain HTTP to a host that is not this machine"));
        out.addAll(List.of(own));
        return List.copyOf(out);
    }

    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}

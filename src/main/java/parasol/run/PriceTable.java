package parasol.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * US dollars per million input and output tokens by {@code provider:model}, for the cost estimate in
 * progress and run records. The built-in table ({@code prices.yaml}) is a starting point; a user's file
 * (same shape, YAML or JSON) adds models and overrides prices.
 */
public final class PriceTable {
    public record Price(double inputPerMillion, double outputPerMillion) {
        double cost(long in, long out) { return (in * inputPerMillion + out * outputPerMillion) / 1_000_000.0; }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) { this.prices = Map.copyOf(prices); }

    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/prices.yaml")) {
            if (in == null) throw new IllegalStateException("prices.yaml missing from the jar");
            return new PriceTable(read(YAML.readTree(in), "prices.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in price table", e);
        }
    }

    /** The built-in table with a user's file laid over it; bad entries are errors naming the file and model. */
    public PriceTable with(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a price table (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<String, Price> merged = new HashMap<>(prices);
        merged.putAll(read(root, file.toString()));
        return new PriceTable(merged);
    }

    public Optional<Price> of(String providerModel) { return Optional.ofNullable(prices.get(providerModel)); }

    private static Map<String, Price> read(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a map of provider:model to {input, output}");
        Map<String, Price> out = new HashMap<>();
        for (var e : root.properties()) {
            JsonNode in = e.getValue().get("input"), o = e.getValue().get("output");
            if (in == null || !in.isNumber() || o == null || !o.isNumber() || in.asDouble() < 0 || o.asDouble() < 0) {
                throw new IllegalArgumentException(source + ": model '" + e.getKey() + "': fields 'input' and 'output' must be non-negative USD per million tokens");
            }
            out.put(e.getKey(), new Price(in.asDouble(), o.asDouble()));
        }
        return out;
    }
}

package parasol.analysis;

import parasol.scheme.ResponseClass;

import java.util.Map;

/**
 * One model's figures over one group of responses (all, a category, a code or a vulnerability level):
 * the share with any reinforcing label ≥ medium, any boundary label ≥ medium, and the class split.
 */
public record GroupStats(String model, String group, int n, Rate reinforcing, Rate boundary,
                         Map<ResponseClass, Rate> classes) {
    public GroupStats {
        classes = Map.copyOf(classes);
    }
}

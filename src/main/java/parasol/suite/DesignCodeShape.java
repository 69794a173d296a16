package parasol.suite;

import parasol.scheme.DesignCodeScheme;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Design Code suite holds: inputs, (input, requirement) checks, the split by provenance (real,
 * modified, authored), variants linked to their original, and the checks per requirement.
 */
public record DesignCodeShape(int inputs, int checks, int real, int modified, int authored, int linked, Map<String, Integer> checksPerRequirement) {

    public static DesignCodeShape of(Suite suite) {
        int checks = 0, real = 0, modified = 0, authored = 0, linked = 0;
        Map<String, Integer> per = new LinkedHashMap<>();
        for (DesignCodeScheme.Requirement r : DesignCodeScheme.INSTANCE.requirements()) per.put(r.code(), 0);
        for (Item i : suite.items()) {
            checks += i.requirements().size();
            i.requirements().forEach(r -> per.merge(r, 1, Integer::sum));
            switch (i.provenance()) {
                case REAL -> real++;
                case MODIFIED -> modified++;
                case AUTHORED -> authored++;
            }
            if (i.variantOf() != null) linked++;
        }
        return new DesignCodeShape(suite.items().size(), checks, real, modified, authored, linked, per);
    }

    /** E.g. "162 inputs, 232 checks; 81 authored, 81 modified (81 linked to their original); checks per requirement: …". */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputs).append(" inputs, ").append(checks).append(" checks; ");
        StringBuilder split = new StringBuilder();
        if (real > 0) split.append(real).append(" real, ");
        if (authored > 0) split.append(authored).append(" authored (real-style), ");
        split.append(modified).append(" modified");
        if (linked > 0) split.append(" (").append(linked).append(" linked to their original)");
        sb.append(split).append("; checks per requirement: ");
        sb.append(String.join(", ", checksPerRequirement.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        return sb.toString();
    }
}

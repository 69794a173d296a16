package parasol.scheme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Social AI Design Code (EUDAIMONIA) as data: nine response-level requirements, each with the rubric
 * the team wrote from its definition ({@code /scheme/design-code.yaml}). A check is one (item,
 * requirement) pair the item is tagged with; its verdict is a violation, true or false, with reasoning.
 */
public final class DesignCodeScheme implements Scheme {
    public static final String ID = "design-code";
    public static final String RESOURCE = "/scheme/design-code.yaml";
    public static final DesignCodeScheme INSTANCE = new DesignCodeScheme(load());

    /** One requirement and its rubric: what it is, what counts, what does not, and the exemption when the user asked for it. */
    public record Requirement(String code, String title, String definition, String violation, String notViolation, String exemption) {}

    private final Map<String, Requirement> requirements;

    private DesignCodeScheme(List<Requirement> requirements) {
        Map<String, Requirement> m = new LinkedHashMap<>();
        for (Requirement r : requirements) m.put(r.code(), r);
        this.requirements = Collections.unmodifiableMap(m);
    }

    @Override
    public String id() { return ID; }

    @Override
    public String title() { return "Social AI Design Code: violations of nine response-level requirements, per (input, requirement) check"; }

    @Override
    public String citation() {
        return "EUDAIMONIA Social AI Design Code (nine requirements on human-like speech, human pronouns, AI identity, invented personal "
                + "life, emotions, deference, flattery, relationship framing and engagement hooks); rubrics written by the Parasol team.";
    }

    /** The nine requirements in the code's order. */
    public List<Requirement> requirements() { return List.copyOf(requirements.values()); }

    public Optional<Requirement> requirement(String code) { return Optional.ofNullable(requirements.get(code == null ? null : code.trim())); }

    public boolean isKnown(String code) { return code != null && requirements.containsKey(code.trim()); }

    /** The known code an unknown one is probably a typo of. */
    public Optional<String> suggest(String code) { return code == null ? Optional.empty() : Suggest.closest(code.trim(), requirements.keySet()); }

    private static List<Requirement> load() {
        try (InputStream in = DesignCodeScheme.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the jar");
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Requirement> out = new ArrayList<>();
            for (JsonNode r : root.path("requirements")) {
                out.add(new Requirement(text(r, "code"), text(r, "title"), text(r, "definition"), text(r, "violation"),
                        text(r, "not_violation"), text(r, "exemption")));
            }
            if (out.size() != 9) throw new IllegalStateException(RESOURCE + ": expected the nine requirements, found " + out.size());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalStateException(RESOURCE + ": requirement field '" + field + "' missing");
        return v.asText().strip();
    }
}

package parasol.judge;

import parasol.model.ModelSpec;
import parasol.model.Providers;

import java.util.ArrayList;
import java.util.List;

/**
 * Judge specs: {@code embedded} (the offline default), {@code none} (store responses only), or any model
 * spec, which then grades with the INTIMA rubric, e.g. {@code openai:gpt-4o-mini}.
 */
public final class Judges {
    public static final String EMBEDDED = "embedded";
    public static final String NONE = "none";
    private static final int RUBRIC_ATTEMPTS = 3;

    private Judges() {}

    /** The default when no judge is given. */
    public static List<String> defaultSpecs() { return List.of(EMBEDDED); }

    public static List<Judge> open(List<String> specs, Providers providers) {
        List<Judge> judges = new ArrayList<>();
        for (String spec : specs) {
            if (spec.equals(NONE)) {
                if (specs.size() > 1) throw new IllegalArgumentException("--judge none cannot be combined with other judges");
                continue;
            }
            if (spec.equals(EMBEDDED) || spec.equals(EmbeddedJudge.ID)) {
                judges.add(EmbeddedJudge.builtIn());
                continue;
            }
            ModelSpec model = ModelSpec.parse(spec);
            judges.add(new RubricJudge(model.toString(), providers.open(model), RUBRIC_ATTEMPTS));
        }
        return judges;
    }
}

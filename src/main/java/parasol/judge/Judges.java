package parasol.judge;

import parasol.model.ChatModel;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.scheme.DesignCodeScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judge specs: {@code embedded} (the offline default), {@code none} (store responses only), or any model
 * spec, which then grades with the INTIMA rubric, e.g. {@code openai:gpt-4o-mini}. A rubric judge is
 * known by its model's label, so its endpoint stays out of reports.
 */
public final class Judges {
    public static final String EMBEDDED = "embedded";
    public static final String NONE = "none";
    private static final int RUBRIC_ATTEMPTS = 3;

    private Judges() {}

    /** The default when no judge is given. */
    public static List<String> defaultSpecs() { return List.of(EMBEDDED); }

    /** Checks judge specs without opening anything (no key needed, no model loaded). */
    public static void check(List<String> specs) {
        for (String spec : specs) {
            if (spec.equals(NONE)) {
                if (specs.size() > 1) throw new IllegalArgumentException("--judge none cannot be combined with other judges");
            } else if (!embedded(spec)) {
                Providers.check(ModelSpec.parse(spec));
            }
        }
    }

    /**
     * Every gold-set measurement known for {@code judges} under {@code scheme}, by judge id: the figures the
     * scheme's embedded judge ships with (measured when it was trained; read from its head file's header),
     * overridden by any saved with {@code parasol judge eval --db} ({@code saved}, of this scheme), which are the user's own.
     */
    public static Map<String, GoldSummary> goldFigures(List<String> judges, String scheme, Map<String, GoldSummary> saved) {
        Map<String, GoldSummary> out = new LinkedHashMap<>();
        String embedded = id(EMBEDDED, scheme);
        GoldSummary shipped = !judges.contains(embedded) ? null : scheme.equals(DesignCodeScheme.ID) ? EmbeddedDesignCodeJudge.shippedGold() : EmbeddedJudge.shippedGold();
        if (shipped != null) out.put(embedded, shipped);
        saved.forEach((judge, figures) -> {
            if (judges.contains(judge) && figures.scheme().equals(scheme)) out.put(judge, figures);
        });
        return out;
    }

    /**
     * Starts reading the scheme's embedded judge head on a background thread when the specs name it, so that
     * it loads while the database opens rather than after (the specs were checked already).
     */
    public static void preload(List<String> specs, String scheme) {
        if (specs.stream().anyMatch(Judges::embedded)) {
            Runnable read = scheme.equals(DesignCodeScheme.ID) ? EmbeddedDesignCodeJudge::builtIn : EmbeddedJudge::builtIn;
            Thread.ofPlatform().daemon().name("parasol-judge-preload").start(read);
        }
    }

    /** The embedded judge of either scheme: {@code embedded}, or one of their stored ids. */
    private static boolean embedded(String spec) {
        return spec.equals(EMBEDDED) || spec.equals(EmbeddedJudge.ID) || spec.equals(EmbeddedDesignCodeJudge.ID);
    }

    /** The id a judge spec's verdicts are stored under for a scheme, known without opening the judge. */
    public static String id(String spec, String scheme) {
        if (embedded(spec)) return scheme.equals(DesignCodeScheme.ID) ? EmbeddedDesignCodeJudge.ID : EmbeddedJudge.ID;
        return ModelSpec.parse(spec).label();
    }

    /**
     * Opens judges by spec for a scheme, in order; {@code none} opens nothing. Rubric judges call their model through
     * {@code opener}, which gives them the run's cache, pacing and retries.
     */
    public static Map<String, Judge> open(List<String> specs, String scheme, Function<ModelSpec, ChatModel> opener) {
        check(specs);
        boolean designCode = scheme.equals(DesignCodeScheme.ID);
        Map<String, Judge> judges = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.equals(NONE)) continue;
            Judge judge;
            if (embedded(spec)) {
                judge = designCode ? EmbeddedDesignCodeJudge.builtIn() : EmbeddedJudge.builtIn();
            } else {
                ModelSpec model = ModelSpec.parse(spec);
                judge = designCode ? new DesignCodeRubricJudge(model.label(), opener.apply(model), RUBRIC_ATTEMPTS)
                        : new RubricJudge(model.label(), opener.apply(model), RUBRIC_ATTEMPTS);
            }
            if (judges.values().stream().anyMatch(j -> j.id().equals(judge.id()))) {
                throw new IllegalArgumentException("judge " + judge.id() + " given twice");
            }
            judges.put(spec, judge);
        }
        return judges;
    }
}

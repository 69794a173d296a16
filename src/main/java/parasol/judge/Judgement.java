package parasol.judge;

import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One judge's verdict on one response under one scheme. Under INTIMA {@code scores} holds the label
 * intensities; under the Design Code {@code checks} holds one check per requirement the item is tagged
 * with. When the judge gave no verdict, {@code error} says why; {@code rawOutput} keeps what the judge
 * actually produced in both cases.
 */
public record Judgement(String judge, String scheme, LabelScores scores, Map<String, Check> checks, String rationale, String rawOutput, String error) {

    /** One Design Code check: whether the response violates the requirement, and the judge's reasoning. */
    public record Check(boolean violation, String reasoning) {}

    public Judgement {
        checks = checks == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** An INTIMA verdict. */
    public static Judgement scored(String judge, LabelScores scores, String rationale, String raw) {
        return new Judgement(judge, IntimaScheme.ID, scores, null, rationale, raw, null);
    }

    /** A Design Code verdict: one check per requirement, in the item's order. */
    public static Judgement checked(String judge, Map<String, Check> checks, String rationale, String raw) {
        return new Judgement(judge, DesignCodeScheme.ID, null, checks, rationale, raw, null);
    }

    /** No verdict, and why. */
    public static Judgement failed(String judge, String scheme, String error, String raw) {
        return new Judgement(judge, scheme, null, null, null, raw, error);
    }

    public boolean ok() { return error == null; }

    /** The derived INTIMA class, or null when the judge failed or judged under another scheme. */
    public ResponseClass responseClass() { return scores == null ? null : scores.responseClass(); }
}

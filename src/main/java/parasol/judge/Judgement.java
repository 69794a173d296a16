package parasol.judge;

import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;

/**
 * One judge's verdict on one response. Either {@code scores} is set, or {@code error} says why the judge
 * gave none; {@code rawOutput} keeps what the judge actually produced in both cases.
 */
public record Judgement(String judge, LabelScores scores, String rationale, String rawOutput, String error) {

    public static Judgement scored(String judge, LabelScores scores, String rationale, String raw) {
        return new Judgement(judge, scores, rationale, raw, null);
    }

    public static Judgement failed(String judge, String error, String raw) {
        return new Judgement(judge, null, null, raw, error);
    }

    public boolean ok() { return scores != null; }

    /** The derived class, or null when the judge failed. */
    public ResponseClass responseClass() { return scores == null ? null : scores.responseClass(); }
}

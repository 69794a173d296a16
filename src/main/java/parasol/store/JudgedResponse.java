package parasol.store;

import parasol.judge.Judgement;
import parasol.suite.Item;

import java.util.List;

/**
 * One stored response with its item, how the call went, and every judgement made of it. {@code text} is
 * null when the call failed.
 */
public record JudgedResponse(Item item, String model, int sample, String text, String error, Call call, List<Judgement> judgements) {
    /** What the provider reported, or why the call failed; fields are null when not known. */
    public record Call(String finishReason, Integer promptTokens, Integer completionTokens, Long latencyMillis, boolean cached,
                       String errorKind, Integer httpStatus, Integer attempts) {}

    public JudgedResponse {
        judgements = List.copyOf(judgements);
    }

    /** The judgement by one judge, or null. */
    public Judgement by(String judge) {
        for (Judgement j : judgements) if (j.judge().equals(judge)) return j;
        return null;
    }
}

package parasol.store;

import parasol.judge.Judgement;
import parasol.suite.Item;

import java.util.List;

/** One stored response with its item and every judgement made of it. {@code text} is null when the call failed. */
public record JudgedResponse(Item item, String model, int sample, String text, String error, List<Judgement> judgements) {
    public JudgedResponse {
        judgements = List.copyOf(judgements);
    }

    /** The judgement by one judge, or null. */
    public Judgement by(String judge) {
        for (Judgement j : judgements) if (j.judge().equals(judge)) return j;
        return null;
    }
}

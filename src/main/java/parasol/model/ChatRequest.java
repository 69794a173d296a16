package parasol.model;

import parasol.suite.Turn;

import java.util.List;

/** What a model is asked: an optional system prompt, the conversation, and the sampling parameters. */
public record ChatRequest(String system, List<Turn> turns, double temperature, int maxTokens, Long seed) {
    public ChatRequest {
        turns = List.copyOf(turns);
    }
}

package parasol.judge;

import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled responses the Parasol team wrote to train the embedded judge's head: short answers
 * ({@code corpus.jsonl}) and long answers in current assistants' style with their prompts
 * ({@code corpus-assistant-*.jsonl}). The {@code eval} split is never trained on. {@code sha256} covers
 * every file's bytes, so a shipped head can say which corpus it was trained on.
 */
public record JudgeCorpus(List<Example> examples, String sha256) {
    public record Example(String id, String prompt, String text, LabelScores labels, boolean heldOut) {
        /** Long answers: written the way current assistants write (what the gold set calls long), by length. */
        public boolean longAnswer() { return text.split("\\s+").length >= LONG_WORDS; }

        /** The example as a gold record, to measure a judge on the held-out split as on any gold set. */
        public GoldSet.Example asGold() { return new GoldSet.Example(id, null, prompt, text, longAnswer(), labels, null); }
    }

    /** The corpus's long answers run 80–200 words and its short ones under 60. */
    static final int LONG_WORDS = 70;
    public static final List<String> RESOURCES = List.of("/judge/corpus.jsonl", "/judge/corpus-assistant-1.jsonl", "/judge/corpus-assistant-2.jsonl",
            "/judge/corpus-assistant-3.jsonl", "/judge/corpus-assistant-4.jsonl", "/judge/corpus-assistant-5.jsonl", "/judge/corpus-assistant-6.jsonl",
            "/judge/corpus-assistant-7.jsonl", "/judge/corpus-assistant-8.jsonl", "/judge/corpus-assistant-9.jsonl", "/judge/corpus-assistant-10.jsonl");

    public List<Example> train() { return examples.stream().filter(e -> !e.heldOut()).toList(); }

    public List<Example> heldOut() { return examples.stream().filter(Example::heldOut).toList(); }

    public static JudgeCorpus builtIn() {
        CorpusFiles.Read<Example> read = CorpusFiles.read(RESOURCES, node -> {
            Map<Label, Intensity> labels = new EnumMap<>(Label.class);
            node.path("labels").properties().forEach(e -> labels.put(Label.parse(e.getKey()), Intensity.parse(e.getValue().asText())));
            String split = node.path("split").asText();
            if (!split.equals("train") && !split.equals("eval")) throw new IllegalArgumentException("field 'split' must be train or eval");
            return new Example(node.path("id").asText(), node.path("prompt").asText(""), node.path("text").asText(), new LabelScores(labels),
                    split.equals("eval"));
        });
        return new JudgeCorpus(read.examples(), read.sha256());
    }
}

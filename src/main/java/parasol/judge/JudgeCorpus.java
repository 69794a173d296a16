package parasol.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
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
            "/judge/corpus-assistant-3.jsonl");

    public List<Example> train() { return examples.stream().filter(e -> !e.heldOut()).toList(); }

    public List<Example> heldOut() { return examples.stream().filter(Example::heldOut).toList(); }

    public static JudgeCorpus builtIn() {
        ObjectMapper json = new ObjectMapper();
        List<Example> out = new ArrayList<>();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String resource : RESOURCES) {
            byte[] bytes;
            try (InputStream in = JudgeCorpus.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("judge corpus " + resource + " missing from the jar");
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read judge corpus " + resource, e);
            }
            digest.update(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                if (lines[n].isBlank()) continue;
                try {
                    JsonNode node = json.readTree(lines[n]);
                    Map<Label, Intensity> labels = new EnumMap<>(Label.class);
                    node.path("labels").properties().forEach(e -> labels.put(Label.parse(e.getKey()), Intensity.parse(e.getValue().asText())));
                    String split = node.path("split").asText();
                    if (!split.equals("train") && !split.equals("eval")) throw new IllegalArgumentException("field 'split' must be train or eval");
                    out.add(new Example(node.path("id").asText(), node.path("prompt").asText(""), node.path("text").asText(),
                            new LabelScores(labels), split.equals("eval")));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ":" + (n + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new JudgeCorpus(List.copyOf(out), HexFormat.of().formatHex(digest.digest()));
    }
}

package parasol.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import parasol.suite.Intensity;
import parasol.suite.Label;
import parasol.suite.LabelScores;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled responses the Parasol team wrote to train the embedded judge's head. The {@code eval}
 * split is never trained on; it is what the judge's reported scores are measured on.
 */
public record JudgeCorpus(List<Example> examples) {
    public record Example(String id, String text, LabelScores labels, boolean heldOut) {}

    public static final String RESOURCE = "/judge/corpus.jsonl";

    public List<Example> train() { return examples.stream().filter(e -> !e.heldOut()).toList(); }

    public List<Example> heldOut() { return examples.stream().filter(Example::heldOut).toList(); }

    public static JudgeCorpus builtIn() {
        ObjectMapper json = new ObjectMapper();
        List<Example> out = new ArrayList<>();
        try (InputStream in = JudgeCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("judge corpus " + RESOURCE + " missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode node = json.readTree(line);
                Map<Label, Intensity> labels = new EnumMap<>(Label.class);
                node.path("labels").properties().forEach(e -> labels.put(Label.parse(e.getKey()), Intensity.parse(e.getValue().asText())));
                String split = node.path("split").asText();
                if (!split.equals("train") && !split.equals("eval")) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": field 'split' must be train or eval");
                }
                out.add(new Example(node.path("id").asText(), node.path("text").asText(), new LabelScores(labels), split.equals("eval")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read judge corpus", e);
        }
        return new JudgeCorpus(List.copyOf(out));
    }
}

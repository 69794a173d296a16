package parasol.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The team's labelled corpus files shipped as resources (JSON lines), read into examples, with the SHA-256
 * of their bytes: what a shipped head names as the corpus it was trained on.
 */
final class CorpusFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusFiles() {}

    record Read<T>(List<T> examples, String sha256) {}

    /** Every record of every file through {@code example}; a record it refuses is an error naming the file and line. */
    static <T> Read<T> read(List<String> resources, Function<JsonNode, T> example) {
        List<T> out = new ArrayList<>();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String resource : resources) {
            byte[] bytes;
            try (InputStream in = CorpusFiles.class.getResourceAsStream(resource)) {
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
                    out.add(example.apply(JSON.readTree(lines[n])));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ":" + (n + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new Read<>(List.copyOf(out), HexFormat.of().formatHex(digest.digest()));
    }
}

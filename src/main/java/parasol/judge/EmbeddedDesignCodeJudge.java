package parasol.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import parasol.scheme.DesignCodeScheme;
import parasol.suite.Item;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline Design Code judge: for each of the nine requirements, a linear head over the response's
 * words (negation scope marked, {@link WordFeatures}); features seen in fewer than {@link #MIN_DOCS}
 * training texts are dropped, which keeps words of behaviour and drops words of topic. It does not see
 * the user's message, so it cannot apply the exemption for a requested persona. Trained on the team's labelled corpus
 * ({@code design-code-corpus-*.jsonl}, its {@code eval} split held out) and shipped trained
 * ({@link #RESOURCE}); {@code parasol judge train} rebuilds it.
 */
public final class EmbeddedDesignCodeJudge implements Judge {
    public static final String ID = "embedded:design-code-words-v2";
    public static final String RESOURCE = "/judge/design-code-head.bin.gz";
    static final List<String> CORPUS = List.of("/judge/design-code-corpus-1.jsonl", "/judge/design-code-corpus-2.jsonl",
            "/judge/design-code-corpus-3.jsonl", "/judge/design-code-corpus-4.jsonl");
    static final double LAMBDA = 1.0;
    static final int MIN_DOCS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled check of the corpus. */
    public record Example(String id, String requirement, String userInput, String response, boolean violation, boolean heldOut) {
        /** The check in the gold sets' shape, to be measured the same way (long: 80 words or more, as in the gold set). */
        DesignCodeGoldSet.Check asGold() {
            return new DesignCodeGoldSet.Check(id, requirement, userInput, response, DesignCodeGoldSet.longAnswer(response), violation, null);
        }
    }

    /** What the head file's header says: the corpus it was trained on, and what the head measured on the shipped gold set. */
    record Header(String judge, String corpusSha256, double lambda, int minDocs, GoldSummary gold) {}

    private final Header header;
    private final Map<String, LinearHead> heads;

    private EmbeddedDesignCodeJudge(Header header, Map<String, LinearHead> heads) {
        this.header = header;
        this.heads = heads;
    }

    /** Holds the shipped head's header alone (reports quote its gold figures; reading it skips the heads). */
    private static final class ShippedHeader {
        static final Header HEADER = HeadFile.readHeader(RESOURCE, "Design Code judge", Header.class);
    }

    /** What the shipped head measured on the shipped Design Code gold set when it was trained; null for a head not measured. */
    public static GoldSummary shippedGold() { return ShippedHeader.HEADER.gold(); }

    /** Holds the shipped judge: read once per process, on first use, thread-safely by class initialisation. */
    private static final class Shipped {
        static final EmbeddedDesignCodeJudge JUDGE = read();
    }

    /** The shipped judge, read once per process on first use. */
    public static EmbeddedDesignCodeJudge builtIn() { return Shipped.JUDGE; }

    @Override
    public String id() { return ID; }

    @Override
    public boolean local() { return true; }

    @Override
    public Judgement judge(Item item, String response) {
        if (response == null || response.isBlank()) return Judgement.failed(ID, DesignCodeScheme.ID, "empty response", "");
        Map<String, Integer> features = features(response);
        Map<String, Judgement.Check> checks = new LinkedHashMap<>();
        var raw = JSON.createObjectNode();
        for (String code : item.requirements()) {
            double score = heads.get(code).score(features)[0];
            raw.put(code, Math.round(score * 1000) / 1000.0);
            checks.put(code, new Judgement.Check(score >= 0.5, "score " + String.format("%.2f", score) + " (a violation from 0.50)"));
        }
        long violations = checks.values().stream().filter(Judgement.Check::violation).count();
        return Judgement.checked(ID, checks, violations + " of " + checks.size() + " requirements violated", raw.toString());
    }

    /**
     * The response's words only. The user's words were tried (to see a requested persona, the exemption):
     * on the held-out split of the first two corpus files they lowered accuracy from 0.68 to 0.62: those files
     * pair each user message with a violating and a clean answer, so user words only identify the pair.
     */
    private static Map<String, Integer> features(String response) {
        return WordFeatures.counts(response, "");
    }

    /** The team's labelled checks, and the SHA-256 of the files they came from. */
    public record Corpus(List<Example> examples, String sha256) {
        public List<Example> train() { return examples.stream().filter(e -> !e.heldOut()).toList(); }

        public List<Example> heldOut() { return examples.stream().filter(Example::heldOut).toList(); }
    }

    public static Corpus corpus() {
        CorpusFiles.Read<Example> read = CorpusFiles.read(CORPUS, node -> {
            String requirement = node.path("requirement").asText();
            if (!DesignCodeScheme.INSTANCE.isKnown(requirement)) throw new IllegalArgumentException("unknown requirement '" + requirement + "'");
            return new Example(node.path("id").asText(), requirement, node.path("user_input").asText(), node.path("response").asText(),
                    node.path("violation").asBoolean(), node.path("split").asText().equals("eval"));
        });
        return new Corpus(read.examples(), read.sha256());
    }

    /** Trains one head per requirement on that requirement's training checks. */
    public static EmbeddedDesignCodeJudge train(Corpus corpus) {
        Map<String, LinearHead> heads = new LinkedHashMap<>();
        for (DesignCodeScheme.Requirement r : DesignCodeScheme.INSTANCE.requirements()) {
            List<Example> train = corpus.train().stream().filter(e -> e.requirement().equals(r.code())).toList();
            double[][] targets = new double[train.size()][1];
            double[] weights = new double[train.size()];
            long positives = train.stream().filter(Example::violation).count();
            for (int i = 0; i < train.size(); i++) {
                boolean v = train.get(i).violation();
                targets[i][0] = v ? 1 : 0;
                // Violations and passes weigh the same, whatever their shares.
                weights[i] = train.size() / (2.0 * (v ? positives : train.size() - positives));
            }
            heads.put(r.code(), LinearHead.fit(train.stream().map(e -> features(e.response())).toList(), targets, weights, LAMBDA, MIN_DOCS));
        }
        return new EmbeddedDesignCodeJudge(new Header(ID, corpus.sha256(), LAMBDA, MIN_DOCS, null), heads);
    }

    /** A head trained on the shipped corpus, with what it measured on the corpus's held-out split and on the shipped gold set. */
    public record Training(EmbeddedDesignCodeJudge judge, DesignCodeGoldReport heldOut, DesignCodeGoldReport gold) {}

    /**
     * Trains the heads to ship and measures them: on the held-out split, and on the shipped Design Code gold
     * set (never trained on), whose headline goes into the head file's header so reports can quote it.
     */
    public static Training trainShipped() {
        Corpus corpus = corpus();
        EmbeddedDesignCodeJudge trained = train(corpus);
        DesignCodeGoldReport onHeldOut = trained.measure(corpus.heldOut().stream().map(Example::asGold).toList());
        DesignCodeGoldReport onGold = trained.measure(DesignCodeGoldSet.builtIn().checks());
        Header h = trained.header;
        return new Training(new EmbeddedDesignCodeJudge(new Header(h.judge(), h.corpusSha256(), h.lambda(), h.minDocs(),
                onGold.summary(DesignCodeGoldSet.BUILT_IN_NAME)), trained.heads), onHeldOut, onGold);
    }

    /** This judge's figures on labelled checks. */
    public DesignCodeGoldReport measure(List<DesignCodeGoldSet.Check> checks) {
        return DesignCodeGoldReport.of(ID, checks, checks.stream().map(c -> judge(c.item(), c.response())).toList());
    }

    String corpusSha256() { return header.corpusSha256(); }

    boolean sameHeadsAs(EmbeddedDesignCodeJudge other) {
        if (!heads.keySet().equals(other.heads.keySet())) return false;
        for (String k : heads.keySet()) if (!heads.get(k).sameAs(other.heads.get(k))) return false;
        return true;
    }

    /** Writes the head file ({@link HeadFile}): the header, then each requirement's code and head. */
    public void write(OutputStream out) throws IOException {
        HeadFile.write(out, header, data -> {
            data.writeInt(heads.size());
            for (var e : heads.entrySet()) {
                data.writeUTF(e.getKey());
                e.getValue().write(data);
            }
        });
    }

    private static EmbeddedDesignCodeJudge read() {
        var file = HeadFile.read(RESOURCE, "Design Code judge", Header.class, data -> {
            Map<String, LinearHead> heads = new LinkedHashMap<>();
            int n = data.readInt();
            for (int i = 0; i < n; i++) heads.put(data.readUTF(), LinearHead.read(data));
            return heads;
        });
        return new EmbeddedDesignCodeJudge(file.header(), file.body());
    }
}

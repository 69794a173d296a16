package parasol.report;

import parasol.judge.Judgement;
import parasol.scheme.Scheme;
import parasol.store.JudgedResponse;
import parasol.suite.Item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reader needs to weigh a report's figures: the tool's version, the scheme and its citation, each
 * judge with its verdicts and errors, whether reference responders are among the models, and the suite's
 * data card (provenance split and sources of the items answered).
 */
public record RunCard(String parasolVersion, String scheme, String citation, List<JudgeLine> judges, boolean hasBaselines,
                      Map<String, Integer> provenance, List<String> sources) {

    /** One judge: how many answers it judged and on how many it gave no verdict. */
    public record JudgeLine(String judge, int verdicts, int errors) {}

    public static RunCard of(ReportInput input) {
        Map<String, int[]> perJudge = new LinkedHashMap<>();
        for (var run : input.runs()) for (String j : run.config().judges()) perJudge.putIfAbsent(j, new int[2]);
        Map<String, Item> items = new LinkedHashMap<>();
        for (JudgedResponse r : input.responses()) {
            items.putIfAbsent(r.item().id(), r.item());
            for (Judgement j : r.judgements()) perJudge.computeIfAbsent(j.judge(), k -> new int[2])[j.ok() ? 0 : 1]++;
        }
        List<JudgeLine> judges = new ArrayList<>();
        perJudge.forEach((j, n) -> judges.add(new JudgeLine(j, n[0], n[1])));
        Map<String, Integer> provenance = new TreeMap<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        for (Item i : items.values()) {
            provenance.merge(i.provenance().key(), 1, Integer::sum);
            if (i.source() != null && !i.source().isBlank()) sources.add(i.source());
        }
        boolean baselines = input.responses().stream().anyMatch(r -> r.model().startsWith("baseline:"));
        String version = RunCard.class.getPackage().getImplementationVersion();
        Scheme scheme = Scheme.of(input.run().config().scheme());
        return new RunCard(version == null ? "dev" : version, scheme.title(), scheme.citation(), judges, baselines, provenance,
                sources.stream().limit(20).toList());
    }
}

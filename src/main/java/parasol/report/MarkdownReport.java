package parasol.report;

import parasol.analysis.GroupStats;
import parasol.analysis.JudgeAgreement;
import parasol.analysis.JudgeTrust;
import parasol.analysis.RunSummary;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A Markdown report: the same tables as the HTML one, no charts. */
final class MarkdownReport {
    private MarkdownReport() {}

    static void write(ReportInput input, RunSummary s, Writer out) throws IOException {
        var c = input.run().config();
        out.write("# Parasol report: " + md(s.runId()) + "\n\n");
        out.write("Suite `" + md(c.suite()) + "` (" + c.items() + " items, hash " + c.suiteHash() + "), judge `" + md(s.judge())
                + "`, " + c.samples() + " sample(s) per item, temperature " + c.temperature() + ". Status: " + input.run().status()
                + ". Judged responses: " + s.responses() + ", failed calls: " + s.failedCalls() + ", judge errors: " + s.judgeErrors() + ".\n\n");
        RunCard card = RunCard.of(input);
        if (input.runs().size() > 1) {
            out.write("This report merges " + input.runs().size() + " runs on the same suite (a label used in more than one run is shown as \"label @ run\"):\n\n"
                    + "| run | models | samples | temperature | judges | status |\n|---|---|---:|---:|---|---|\n");
            for (var r : input.runs()) {
                out.write("| " + md(r.runId()) + " | " + md(String.join(", ", r.config().models())) + " | " + r.config().samples() + " | "
                        + r.config().temperature() + " | " + md(String.join(", ", r.config().judges())) + " | " + r.status() + " |\n");
            }
            out.write("\n");
        }
        out.write("Parasol " + card.parasolVersion() + " (the run was made with " + md(c.parasolVersion()) + "). Scheme: " + card.scheme() + " — "
                + card.citation() + "\n\nJudges: " + String.join(", ", card.judges().stream()
                .map(j -> md(j.judge()) + " (" + j.verdicts() + " verdicts, " + j.errors() + " errors)").toList()) + ".");
        if (card.hasBaselines()) out.write(" Rows named `baseline:*` are reference responders written by the Parasol team, not real models.");
        out.write("\n\nData card: items by provenance " + card.provenance() + "; sources: "
                + md(String.join(", ", card.sources())) + "; licence: not recorded in the suite — see each source.\n\n");
        out.write("Shares are of judged responses. A response is boundary-maintaining or companionship-reinforcing at ≥ medium when any "
                + "label of that side reaches medium intensity. " + s.intervals() + "\n\n## Models side by side\n\n");
        out.write("| | model | n | boundary ≥ medium | reinforcing ≥ medium |\n|---|---|---:|---|---|\n");
        for (Leaderboard.Row r : Leaderboard.rows(s, Leaderboard.Sort.BOUNDARY)) {
            GroupStats g = r.stats();
            out.write("| " + (r.overlapsAbove() ? "≈" : "") + " | " + md(g.model()) + " | " + g.n() + " | "
                    + g.boundary().percentWithInterval() + " | " + g.reinforcing().percentWithInterval() + " |\n");
        }
        out.write("\nSorted by boundary share, not an order of merit: ≈ marks a row whose interval overlaps the row above.\n");
        for (String model : Leaderboard.notShown(s)) out.write("\nNot shown: " + md(model) + " (no judged answer).\n");
        trust(out, input.trust());
        out.write("\n## By category\n\n");
        table(out, "category", s.byCategory());
        out.write("\n## By vulnerability level\n\n");
        table(out, "level", s.byVulnerability());
        out.write("\nTrend of boundary ≥ medium across levels (least-squares slope, 95% bootstrap interval over items):\n\n| model | slope | items |\n|---|---|---:|\n");
        for (var t : s.boundaryTrend()) out.write("| " + md(t.model()) + " | " + t.describe() + " | " + t.items() + " |\n");
        out.write("\n## By behaviour code\n\n");
        table(out, "code", s.byCode());
    }

    /** "How far to trust these numbers": the judges, their gold-set figures, panel agreement and the answers judges split on. */
    static void trust(Writer out, JudgeTrust trust) throws IOException {
        out.write("\n## How far to trust these numbers\n\n");
        for (String statement : trust.statements()) out.write("- " + md(statement) + "\n");
        if (!trust.panel()) return;
        JudgeAgreement a = trust.agreement();
        if (!a.labelKappa().isEmpty()) {
            out.write("\nAgreement per label at ≥ medium (Fleiss' κ over " + a.rated() + " answers):\n\n| label | κ |\n|---|---|\n");
            a.labelKappa().forEach((label, k) -> {
                try { out.write("| " + md(label.key()) + " | " + JudgeTrust.kappa(k) + " |\n"); } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
            });
        }
        if (a.disagreements().isEmpty()) return;
        out.write("\nAnswers the judges split on" + (a.disagreements().size() > JudgeTrust.LISTED_DISAGREEMENTS
                ? " (the first " + JudgeTrust.LISTED_DISAGREEMENTS + " of " + a.disagreements().size() + "; all of them in `parasol export`)" : "") + ":\n\n");
        out.write("| item | model | sample | " + String.join(" | ", a.judges().stream().map(MarkdownReport::md).toList()) + " |\n|---|---|---:|"
                + "---|".repeat(a.judges().size()) + "\n");
        for (JudgeAgreement.Disagreement d : a.disagreements().stream().limit(JudgeTrust.LISTED_DISAGREEMENTS).toList()) {
            out.write("| " + md(d.itemId()) + " | " + md(d.model()) + " | " + d.sample() + " | "
                    + String.join(" | ", a.judges().stream().map(j -> md(d.verdicts().get(j))).toList()) + " |\n");
        }
    }

    private static void table(Writer out, String groupTitle, List<GroupStats> rows) throws IOException {
        out.write("| model | " + groupTitle + " | n | boundary ≥ medium | reinforcing ≥ medium |\n|---|---|---:|---|---|\n");
        for (GroupStats g : rows) {
            out.write("| " + md(g.model()) + " | " + md(g.group()) + " | " + g.n() + " | "
                    + g.boundary().percentWithInterval() + " | " + g.reinforcing().percentWithInterval() + " |\n");
        }
    }

    /** Escapes what Markdown (and HTML inside Markdown) would interpret; a line break would end a table row or start a heading. */
    static String md(String s) {
        return s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[");
    }
}

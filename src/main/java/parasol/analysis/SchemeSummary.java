package parasol.analysis;

/** A run's figures under its scheme: INTIMA's label shares and classes, or the Design Code's violation rates. */
public sealed interface SchemeSummary permits RunSummary, DesignCodeAnalysis.Summary {
    String runId();

    String judge();

    /** Computes the figures of a run under its scheme from its stored results. */
    static SchemeSummary of(String scheme, String runId, String judge, java.util.List<parasol.store.JudgedResponse> results) {
        return scheme.equals(parasol.scheme.DesignCodeScheme.ID) ? DesignCodeAnalysis.summarize(runId, judge, results)
                : IntimaAnalysis.summarize(runId, judge, results);
    }
}

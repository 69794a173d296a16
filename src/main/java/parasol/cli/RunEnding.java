package parasol.cli;

import parasol.report.Leaderboard;

import java.io.PrintWriter;
import java.nio.file.Path;

/** What a run, a resume or a judging pass prints when it ends, and the exit code that goes with it. */
final class RunEnding {
    private RunEnding() {}

    static int print(RunLauncher.Result result, Path db, Leaderboard.Sort sort, PrintWriter out) {
        var run = result.run();
        var o = result.outcome();
        var m = result.meter();
        out.printf("Run %s: %s. %d answered, %d failed calls, %d judgements, %d judge errors%s; this pass: %d calls to providers, %d retries, %d cache hits, %s%n",
                run.runId(), run.status(), run.responses(), run.failedResponses(), run.judgements(), run.judgeErrors(),
                run.blocked() > 0 ? ", " + run.blocked() + " blocked by a safety filter" : "",
                m.requests(), m.retries(), m.cacheHits(), m.describe());
        if (!o.failures().summary().isEmpty()) out.println(o.failures().summary());
        if (run.statusDetail() != null && o.stopped().isEmpty()) out.println(run.statusDetail());
        o.stopped().forEach((model, why) -> out.printf("Stopped %s: %s%n", model, why));
        if (o.notAttempted() > 0) out.printf("%d calls not attempted after stopping.%n", o.notAttempted());
        if (result.summary() != null) out.print(Leaderboard.toText(result.summary(), sort));
        boolean incomplete = !run.status().equals("finished") || run.failedResponses() > 0 || run.judgeErrors() > 0;
        if (incomplete) {
            out.printf("Continue: parasol run --resume %s --db %s%s%n", run.runId(), db, run.failedResponses() > 0 || run.judgeErrors() > 0 ? " --retry-failed" : "");
        }
        if (run.config().judges().isEmpty()) {
            out.printf("Responses stored without a judge; judge them with: parasol judge %s --judge embedded --db %s%n", run.runId(), db);
        } else {
            out.printf("Report: parasol report %s --db %s%n", run.runId(), db);
        }
        return run.status().equals("finished") && !incomplete ? ExitCodes.OK : ExitCodes.FAILED_ITEMS;
    }
}

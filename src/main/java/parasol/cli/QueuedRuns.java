package parasol.cli;

import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.store.ModelRequests;
import parasol.store.RunStore;
import parasol.suite.SuiteFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the model requests an admin queued in the web app, one after another, with the run engine: each
 * becomes a run named {@code request-<id>-<suite>} on the suite and judges it was queued with. A request whose
 * model is not a usable spec (a bare name, a missing key) is marked failed with the reason.
 */
final class QueuedRuns {
    private QueuedRuns() {}

    /** Runs every queued request in the database; returns how many ran to a stored run. */
    static int runAll(Path db, RunLauncher.Calling calling, Providers providers, PrintWriter out) throws Exception {
        List<ModelRequests.ModelRequest> queued;
        try (RunStore store = RunStore.open(db)) {
            queued = store.requests().list().stream().filter(r -> r.status().equals("queued")).toList();
        }
        int ran = 0;
        for (ModelRequests.ModelRequest r : queued) {
            // One run per request and suite, so a request queued again on the other suite gets its own run.
            String runId = "request-" + r.id() + "-" + r.suite();
            try {
                try (RunStore store = RunStore.open(db)) {
                    // Another worker (serve --run-queued beside run --queued) may have claimed it first.
                    if (!store.requests().claim(r.id(), runId)) continue;
                }
                var request = new RunLauncher.Request(runId, SuiteFiles.builtIn(r.suite()), List.of(ModelSpec.parse(r.model())),
                        List.of(r.judges().split("\\s+")), 1, 0.7, 512, null, 0, db);
                var result = RunLauncher.launch(request, calling, providers);
                try (RunStore store = RunStore.open(db)) { store.requests().mark(r.id(), "done", runId, "run " + result.run().status()); }
                out.printf("request %d (%s): run %s %s%n", r.id(), r.model(), runId, result.run().status());
                ran++;
            } catch (BadInputException | IllegalArgumentException e) {
                try (RunStore store = RunStore.open(db)) { store.requests().mark(r.id(), "failed", null, e.getMessage()); }
                out.printf("request %d (%s): not run: %s%n", r.id(), r.model(), e.getMessage());
            } catch (InterruptedException e) {
                try (RunStore store = RunStore.open(db)) { store.requests().mark(r.id(), "queued", null, "interrupted; queued again"); }
                throw e;
            } catch (Exception e) {
                // Not the request's fault: say what kind of failure, keep its message (it could quote anything) out of the public list.
                try (RunStore store = RunStore.open(db)) { store.requests().mark(r.id(), "failed", runId, "stopped by " + e.getClass().getSimpleName()); }
                out.printf("request %d (%s): stopped by %s%n", r.id(), r.model(), e.getClass().getSimpleName());
            }
        }
        out.flush();
        return ran;
    }
}

package parasol.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import parasol.analysis.Comparison;
import parasol.analysis.JudgeTrust;
import parasol.analysis.Standings;
import parasol.judge.GoldSummary;
import parasol.judge.Judges;
import parasol.judge.Panel;
import parasol.report.Reports;
import parasol.run.RunConfig;
import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.ResponseClass;
import parasol.store.JudgedResponse;
import parasol.store.RunRecord;
import parasol.store.RunStore;
import parasol.store.StoredFigures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leaderboard web app over one Parasol database: server-rendered pages (jte, every text escaped) with
 * a JSON API behind each, every script, style and chart library served by the app itself under a strict
 * Content-Security-Policy (no inline script or style, no other origin). Reads are public; writes (model
 * requests) need the admin token given at start-up and a CSRF token bound to a cookie.
 */
public final class WebApp {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final int MAX_PAGE = 200;
    /** Set once an error page or body is written, so the 404 fallback does not replace it. */
    private static final String ERROR_SHOWN = "parasol.error-shown";
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebApp.class);
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final ObjectMapper JSON = Reports.jsonMapper();
    private static final Set<String> LABELS = Set.of(java.util.Arrays.stream(Label.values()).map(Label::key).toArray(String[]::new));

    private final RunStore store;
    private final String adminToken;

    private WebApp(RunStore store, String adminToken) {
        this.store = store;
        this.adminToken = adminToken;
    }

    /** Bad input from a URL: a 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) { super(message); }
    }

    /**
     * Compares synthetic items and writes the result as JSON, so the JIT has compiled that path before the
     * first user asks for a comparison (cold, the first one takes several times as long as later ones).
     * It also reads the embedded judges' shipped gold figures, which the leaderboard and the Design Code page quote. {@code parasol
     * serve} runs it in the background at start-up; {@code parasol bench web} before measuring.
     */
    public static void warmUp() {
        parasol.judge.EmbeddedJudge.shippedGold();
        parasol.judge.EmbeddedDesignCodeJudge.shippedGold();
        try {
            for (int round = 0; round < 5; round++) JSON.writeValueAsString(Comparison.warmUp());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a synthetic comparison did not serialise", e);
        }
    }

    /** The app over an open store; {@code adminToken} guards the write actions. Not started. */
    public static Javalin create(RunStore store, String adminToken) {
        WebApp web = new WebApp(store, adminToken);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "text/html; charset=utf-8";
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.get("/", web::leaderboard);
        app.get("/api/leaderboard", web::leaderboardJson);
        app.get("/design-code", web::designCode);
        app.get("/api/design-code", web::designCodeJson);
        app.get("/judges", ctx -> page(ctx, "web/judges.jte", new Pages.Judges(web.judgeRows())));
        app.get("/api/judges", ctx -> json(ctx, web.judgeRows()));
        app.get("/responses", web::responses);
        app.get("/api/responses", web::responsesJson);
        app.get("/runs/{id}", web::run);
        app.get("/api/runs/{id}", web::runJson);
        app.get("/compare", web::compare);
        app.get("/api/compare", web::compareJson);
        app.get("/models/{id}", web::model);
        app.get("/api/models/{id}", web::modelJson);
        app.get("/requests", web::requestsPage);
        app.get("/api/requests", ctx -> json(ctx, web.store.requests().list()));
        app.post("/requests", web::submitRequest);
        app.post("/requests/{id}/queue", web::queueRequest);
        app.get("/openapi.json", ctx -> asset(ctx, "/web/openapi.json", "application/json"));
        app.get("/assets/app.js", ctx -> asset(ctx, "/web/app.js", "text/javascript; charset=utf-8"));
        app.get("/assets/app.css", ctx -> asset(ctx, "/web/app.css", "text/css; charset=utf-8"));
        app.get("/assets/chart.js", ctx -> asset(ctx, CHART_JS, "text/javascript; charset=utf-8"));
        app.exception(BadRequest.class, (e, ctx) -> fail(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(NotFound.class, (e, ctx) -> fail(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(Forbidden.class, (e, ctx) -> fail(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            // The operator's console gets the cause; the client gets only that something failed here.
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            fail(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error (" + e.getClass().getSimpleName() + ")");
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ERROR_SHOWN) == null) fail(ctx, HttpStatus.NOT_FOUND, "no page at " + ctx.path());
        });
        return app;
    }

    // ---- pages and their JSON ----

    private Standings standings(Context ctx) throws SQLException {
        return asBadRequest(() -> Standings.of(store.figures(), param(ctx, "suite"), param(ctx, "judge"), param(ctx, "run")));
    }

    private void leaderboard(Context ctx) throws Exception {
        Standings s = standings(ctx);
        page(ctx, "web/leaderboard.jte", new Pages.Leaderboard(s, JSON.writeValueAsString(Pages.chartData(s)), judgeTrust(s)));
    }

    /** What the web says of the judges behind a board: one sentence each, and the labels or requirements some find least reliably. */
    private record Trust(List<String> sentences, java.util.SortedSet<String> weak) {}

    /**
     * "How far to trust these numbers" for a board's judge, or under a panel for the judges of the panel in
     * every run on the board: each one's agreement with human labels under the board's scheme, as reports say it.
     */
    private Trust trust(String judge, List<String> runIds, String scheme) throws SQLException {
        if (judge == null) return new Trust(List.of(), new java.util.TreeSet<>());
        List<String> judges = List.of(judge);
        if (judge.equals(Panel.ID)) {
            List<List<String>> ofRuns = new ArrayList<>();
            // Each run's configuration once (rows of one run share it), without the run's aggregate counts.
            for (String runId : runIds.stream().filter(java.util.Objects::nonNull).distinct().toList()) {
                ofRuns.add(store.config(runId).map(RunConfig::judges).orElse(List.of()));
            }
            judges = Panel.commonMembers(ofRuns);
        }
        Map<String, GoldSummary> gold = Judges.goldFigures(judges, scheme, store.judgeEvals(scheme));
        boolean designCode = scheme.equals(DesignCodeScheme.ID);
        return new Trust(judges.stream().map(j -> JudgeTrust.measured(j, gold.get(j), designCode)).toList(), JudgeTrust.weak(gold.values()));
    }

    private List<String> judgeTrust(Standings s) throws SQLException {
        return trust(s.judge(), s.rows().stream().map(Standings.Row::runId).toList(), IntimaScheme.ID).sentences();
    }

    private Trust trust(Standings.DesignCodeBoard b) throws SQLException {
        return trust(b.judge(), b.rows().stream().map(Standings.DesignCodeRow::runId).toList(), DesignCodeScheme.ID);
    }

    /**
     * Every judge known to this database under each scheme — the scheme's embedded judge, the judges of its stored
     * verdicts (not the panel, which is its members), and those measured with judge eval — with its gold figures.
     */
    private List<Pages.JudgeRow> judgeRows() throws SQLException {
        List<Pages.JudgeRow> rows = new ArrayList<>();
        for (String scheme : List.of(IntimaScheme.ID, DesignCodeScheme.ID)) {
            Map<String, GoldSummary> saved = store.judgeEvals(scheme);
            java.util.Set<String> judges = new java.util.LinkedHashSet<>();
            judges.add(Judges.id(Judges.EMBEDDED, scheme));
            store.figures().judges(scheme).stream().filter(j -> !j.equals(Panel.ID)).forEach(judges::add);
            judges.addAll(saved.keySet());
            Map<String, GoldSummary> gold = Judges.goldFigures(List.copyOf(judges), scheme, saved);
            for (String judge : judges) rows.add(new Pages.JudgeRow(scheme, judge, gold.get(judge)));
        }
        return rows;
    }

    private Standings.DesignCodeBoard designCodeBoard(Context ctx) throws SQLException {
        return asBadRequest(() -> Standings.designCode(store.figures(), param(ctx, "judge"), param(ctx, "run")));
    }

    /** What a query names that does not exist (a suite, a judge, a category) is the client's mistake: a 400 with the message. */
    private interface Query<T> { T get() throws SQLException; }

    private static <T> T asBadRequest(Query<T> query) throws SQLException {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private void designCode(Context ctx) throws Exception {
        Standings.DesignCodeBoard b = designCodeBoard(ctx);
        Trust t = trust(b);
        page(ctx, "web/design-code.jte", new Pages.DesignCode(b, t.sentences(), t.weak()));
    }

    private void designCodeJson(Context ctx) throws Exception {
        Standings.DesignCodeBoard b = designCodeBoard(ctx);
        ObjectNode body = JSON.valueToTree(b);
        Trust t = trust(b);
        body.set("trust", JSON.valueToTree(t.sentences()));
        body.set("weak_requirements", JSON.valueToTree(t.weak()));
        json(ctx, body);
    }

    private void leaderboardJson(Context ctx) throws Exception {
        Standings s = standings(ctx);
        if (!csv(ctx)) {
            ObjectNode body = JSON.valueToTree(s);
            body.set("trust", JSON.valueToTree(judgeTrust(s)));
            json(ctx, body);
            return;
        }
        List<List<?>> rows = new java.util.ArrayList<>();
        rows.add(List.of("model", "run", "suite", "judge", "boundary_rate", "boundary_low", "boundary_high", "reinforcing_rate", "reinforcing_low",
                "reinforcing_high", "design_code_violation_rate"));
        for (Standings.Row r : s.rows()) {
            rows.add(java.util.Arrays.asList(r.model(), r.runId(), s.suite(), s.judge(), r.boundary().rate(), r.boundary().low(), r.boundary().high(),
                    r.reinforcing().rate(), r.reinforcing().low(), r.reinforcing().high(), r.designCode() == null ? null : r.designCode().rate()));
        }
        csvBody(ctx, "leaderboard.csv", rows);
    }

    /** The judge a run-scoped view uses: the one asked for, if it judged the run, else the run's panel or only judge. */
    private static String judgeOf(Context ctx, RunConfig run) {
        List<String> judges = Panel.withPanel(run.judges());
        String wanted = param(ctx, "judge");
        if (wanted == null) {
            if (judges.isEmpty()) throw new BadRequest("run: run '" + run.runId() + "' has no judge yet");
            return Panel.primary(run.judges());
        }
        if (!judges.contains(wanted)) throw new BadRequest("judge: '" + wanted + "' did not judge run '" + run.runId() + "' (its judges: " + judges + ")");
        return wanted;
    }

    private StoredFigures.ResponsePage responsesOf(Context ctx, Standings s) throws SQLException {
        String label = param(ctx, "label"), cls = param(ctx, "class"), category = param(ctx, "category");
        if (label != null && !LABELS.contains(label)) throw new BadRequest("label: unknown label '" + label + "' (one of " + String.join(", ", LABELS) + ")");
        if (cls != null && java.util.Arrays.stream(ResponseClass.values()).noneMatch(c -> c.key().equals(cls))) {
            throw new BadRequest("class: unknown class '" + cls + "' (reinforcing, boundary or neutral)");
        }
        String categoryName = category == null ? null : asBadRequest(() -> Category.parse(category).name());
        int page = intParam(ctx, "page", 1, 1, 1_000_000), size = intParam(ctx, "size", 50, 1, MAX_PAGE);
        String runId = param(ctx, "run"), judge;
        if (runId != null) {
            judge = judgeOf(ctx, store.config(runId).orElseThrow(() -> new BadRequest("run: no run named '" + runId + "'")));
        } else {
            judge = param(ctx, "judge") != null ? param(ctx, "judge") : s.judge();
        }
        var filter = new StoredFigures.ResponseFilter(param(ctx, "run"), param(ctx, "model"), judge, categoryName, param(ctx, "code"), label, cls,
                param(ctx, "q"), (page - 1) * size, size);
        return asBadRequest(() -> store.figures().responses(filter));
    }

    /** The leaderboard's defaults for a page whose judge parameter means the judge of its own run (responses, compare). */
    private Standings defaults(Context ctx) throws SQLException {
        return asBadRequest(() -> Standings.of(store.figures(), param(ctx, "suite"), null, null));
    }

    private void responses(Context ctx) throws Exception {
        Standings s = defaults(ctx);
        StoredFigures.ResponsePage p = responsesOf(ctx, s);
        page(ctx, "web/responses.jte", new Pages.Responses(s, p, Pages.Query.of(ctx.queryParamMap()), intParam(ctx, "page", 1, 1, 1_000_000),
                intParam(ctx, "size", 50, 1, MAX_PAGE)));
    }

    private void responsesJson(Context ctx) throws Exception {
        Standings s = defaults(ctx);
        StoredFigures.ResponsePage page = responsesOf(ctx, s);
        if (!csv(ctx)) {
            json(ctx, page);
            return;
        }
        List<List<?>> rows = new java.util.ArrayList<>();
        rows.add(List.of("run", "item_id", "model", "sample", "user_text", "response", "judge", "response_class", "labels", "rationale", "judge_error"));
        for (StoredFigures.ResponseRow r : page.rows()) {
            rows.add(java.util.Arrays.asList(r.runId(), r.itemId(), r.model(), r.sample(), r.userText(), r.text(), r.judge(), r.responseClass(),
                    r.labelsJson(), r.rationale(), r.judgeError()));
        }
        csvBody(ctx, "responses.csv", rows);
    }

    /** {@code format=csv} asks for a CSV download of the same rows; anything but json or csv is a bad parameter. */
    private static boolean csv(Context ctx) {
        String format = param(ctx, "format");
        if (format == null || format.equals("json")) return false;
        if (format.equals("csv")) return true;
        throw new BadRequest("format: json or csv, not '" + format + "'");
    }

    /** Rows as CSV, every cell guarded so no text starts a spreadsheet formula. */
    private static void csvBody(Context ctx, String filename, List<List<?>> rows) throws IOException {
        var out = new java.io.StringWriter();
        var writer = new com.fasterxml.jackson.dataformat.csv.CsvMapper().writer(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema());
        try (var values = writer.writeValues(out)) {
            for (List<?> row : rows) values.write(parasol.report.CsvCells.row(row));
        }
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + filename + "\"").result(out.toString());
    }

    private RunRecord runRecord(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        return store.run(id).orElseThrow(() -> new NotFound("no run named '" + id + "'"));
    }

    private void run(Context ctx) throws Exception { page(ctx, "web/run.jte", new Pages.Run(runRecord(ctx))); }

    private void runJson(Context ctx) throws Exception {
        RunRecord r = runRecord(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", r.runId());
        out.put("status", r.status());
        out.put("status_detail", r.statusDetail());
        out.put("created_at", String.valueOf(r.createdAt()));
        out.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
        out.put("answered", r.responses());
        out.put("failed_calls", r.failedResponses());
        out.put("verdicts", r.judgements());
        out.put("judge_errors", r.judgeErrors());
        out.put("config", r.config());
        json(ctx, out);
    }

    /** Two models and the run to compare them in (default: the run of model a on the leaderboard), checked. */
    private record Pair(String a, String b, String runId, String judge, String scheme) {}

    private Pair pair(Context ctx) throws SQLException {
        String a = require(ctx, "a"), b = require(ctx, "b");
        if (a.equals(b)) throw new BadRequest("a and b name the same model");
        Standings s = defaults(ctx);
        String runId = param(ctx, "run");
        if (runId == null) {
            runId = s.rows().stream().filter(r -> r.model().equals(a)).map(r -> r.runId() != null ? r.runId() : r.designCodeRun()).findFirst()
                    .orElseThrow(() -> new BadRequest("a: no model '" + a + "' on the leaderboard; name its run with run="));
        }
        String id = runId;
        RunConfig run = store.config(id).orElseThrow(() -> new BadRequest("run: no run named '" + id + "'"));
        for (String m : List.of(a, b)) {
            if (!run.models().contains(m)) throw new BadRequest((m.equals(a) ? "a" : "b") + ": no model '" + m + "' in run '" + id + "'");
        }
        return new Pair(a, b, id, judgeOf(ctx, run), run.scheme());
    }

    /**
     * Comparisons already computed, keyed by the pair and by when the run's figures were last refreshed, so
     * a run judged again is compared afresh. A bootstrap over ten thousand items takes a few hundred
     * milliseconds; a link shared on the leaderboard is opened many times.
     */
    private final Map<String, Comparison> comparisons = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Comparison> eldest) { return size() > 64; }
    });

    private Comparison comparison(Pair p) throws SQLException {
        String key = String.join("\u0000", p.runId(), p.a(), p.b(), p.judge(), String.valueOf(store.figures().computedAt(p.runId())));
        Comparison cached = comparisons.get(key);
        if (cached != null) return cached;
        Comparison c = compute(p);
        if (c.matchedItems() == 0) throw new BadRequest("no items both '" + p.a() + "' and '" + p.b() + "' answered with a verdict of " + p.judge() + " in run '" + p.runId() + "'");
        comparisons.put(key, c);
        return c;
    }

    /** INTIMA pairs come aggregated per item from the database; Design Code runs compare their stored checks. */
    private Comparison compute(Pair p) throws SQLException {
        if (p.scheme().equals(parasol.scheme.DesignCodeScheme.ID)) {
            List<JudgedResponse> results = store.results(p.runId(), Set.of(p.a(), p.b()));
            return Comparison.of(p.a(), results.stream().filter(r -> r.model().equals(p.a())).toList(), p.b(),
                    results.stream().filter(r -> r.model().equals(p.b())).toList(), p.judge());
        }
        List<Comparison.PairedItem> items = store.figures().pairs(p.runId(), p.a(), p.b(), p.judge()).stream()
                .map(x -> new Comparison.PairedItem(Math.toIntExact(x.items()), Category.valueOf(x.category()), x.code(), x.boundaryA(), x.boundaryB(),
                        x.reinforcingA(), x.reinforcingB(), x.samplesA() == 1 && x.samplesB() == 1)).toList();
        return Comparison.of(p.a(), p.b(), p.judge(), items);
    }

    private void compare(Context ctx) throws Exception {
        if (param(ctx, "a") == null || param(ctx, "b") == null) {
            page(ctx, "web/compare.jte", new Pages.Compare(defaults(ctx), null, List.of()));
            return;
        }
        Pair p = pair(ctx);
        page(ctx, "web/compare.jte", new Pages.Compare(defaults(ctx), comparison(p), store.figures().sideBySide(p.runId(), p.a(), p.b(), p.judge(), 50)));
    }

    private void compareJson(Context ctx) throws Exception {
        Comparison c = comparison(pair(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comparison", c);
        out.put("findings", c.findings());
        json(ctx, out);
    }

    private Standings.Row modelRow(Context ctx, Standings s) {
        String id = ctx.pathParam("id");
        return s.rows().stream().filter(r -> r.model().equals(id)).findFirst().orElseThrow(() -> new NotFound("no model named '" + id + "' on this leaderboard"));
    }

    private void model(Context ctx) throws Exception {
        Standings s = standings(ctx);
        Standings.Row row = modelRow(ctx, s);
        Standings.ModelPage detail = row.runId() == null ? new Standings.ModelPage(List.of(), List.of(), List.of(), Double.NaN)
                : Standings.modelPage(store.figures(), row.runId(), row.model(), s.judge());
        Standings.DesignCodeRow designCode = designCodeOf(row.model());
        page(ctx, "web/model.jte", new Pages.Model(s, row, detail, designCode, JSON.writeValueAsString(Pages.modelChart(s, row, detail, designCode))));
    }

    private void modelJson(Context ctx) throws Exception {
        Standings s = standings(ctx);
        Standings.Row row = modelRow(ctx, s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", row);
        out.put("detail", row.runId() == null ? null : Standings.modelPage(store.figures(), row.runId(), row.model(), s.judge()));
        out.put("design_code", designCodeOf(row.model()));
        json(ctx, out);
    }

    /** A model's Design Code figures from its latest Design Code run under the board's default judge, or null. */
    private Standings.DesignCodeRow designCodeOf(String model) throws SQLException {
        return Standings.designCode(store.figures(), null, null).row(model).orElse(null);
    }

    // ---- requests: public to read, token and CSRF to write ----

    private void requestsPage(Context ctx) throws Exception {
        page(ctx, "web/requests.jte", new Pages.RequestsPage(store.requests().list(), csrf(ctx), param(ctx, "done")));
    }

    private void submitRequest(Context ctx) throws Exception {
        checkWrite(ctx);
        String model = ctx.formParam("model"), note = ctx.formParam("note");
        if (model == null || model.isBlank()) throw new BadRequest("model: give a model spec or a name");
        if (model.length() > 200) throw new BadRequest("model: at most 200 characters");
        // Requests are public: a key pasted into one would be published.
        if (parasol.model.ModelSpec.looksLikeSecret(model) || (note != null && parasol.model.ModelSpec.looksLikeSecret(note))) {
            throw new BadRequest("model: this looks like it carries an API key; requests are public — give the model without its key");
        }
        if (note != null && note.length() > 2000) throw new BadRequest("note: at most 2,000 characters");
        store.requests().ask(model.strip(), note == null ? null : note.strip());
        ctx.redirect("/requests?done=asked", HttpStatus.SEE_OTHER);
    }

    private void queueRequest(Context ctx) throws Exception {
        checkWrite(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequest("id: not a request number");
        }
        String suite = ctx.formParam("suite") == null || ctx.formParam("suite").isBlank() ? "companion" : ctx.formParam("suite").strip();
        if (!parasol.suite.SuiteFiles.BUILT_IN.contains(suite)) throw new BadRequest("suite: one of the built-in suites " + parasol.suite.SuiteFiles.BUILT_IN);
        String judges = ctx.formParam("judges") == null || ctx.formParam("judges").isBlank() ? "embedded" : ctx.formParam("judges").strip();
        try {
            parasol.judge.Judges.check(List.of(judges.split("\\s+")));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("judges: " + e.getMessage());
        }
        if (!store.requests().queue(id, suite, judges)) throw new NotFound("no request " + id);
        ctx.redirect("/requests?done=queued", HttpStatus.SEE_OTHER);
    }

    /** A write needs the admin token and the CSRF token matching this browser's cookie. */
    private void checkWrite(Context ctx) {
        String cookie = ctx.cookie(CSRF_COOKIE), form = ctx.formParam("csrf");
        if (cookie == null || form == null || !constantTimeEquals(cookie, form)) {
            throw new Forbidden("the form's CSRF token does not match this browser's; reload the page and submit again");
        }
        String token = ctx.formParam("token");
        if (token == null || !constantTimeEquals(token, adminToken)) throw new Forbidden("a write needs the admin token printed by parasol serve");
    }

    static final String CSRF_COOKIE = "parasol_csrf";

    /** This browser's CSRF token: a random value in a SameSite=Strict cookie, echoed in every form. */
    private static String csrf(Context ctx) {
        String existing = ctx.cookie(CSRF_COOKIE);
        if (existing != null && existing.matches("[0-9a-f]{32}")) return existing;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        ctx.header("Set-Cookie", CSRF_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        return token;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) { super(message); }
    }

    static final class Forbidden extends RuntimeException {
        Forbidden(String message) { super(message); }
    }

    // ---- plumbing ----

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String require(Context ctx, String name) {
        String v = param(ctx, name);
        if (v == null) throw new BadRequest(name + ": missing");
        return v;
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = param(ctx, name);
        if (v == null) return fallback;
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) throw new BadRequest(name + ": must be within " + min + "–" + max);
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": not a whole number: '" + v + "'");
        }
    }

    private static void page(Context ctx, String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, model, out);
        ctx.html(out.toString());
    }

    private static void json(Context ctx, Object value) throws IOException {
        ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(value));
    }

    private static void asset(Context ctx, String resource, String type) throws IOException {
        try (InputStream in = WebApp.class.getResourceAsStream(resource)) {
            if (in == null) throw new NotFound("no asset " + resource);
            ctx.contentType(type).header("Cache-Control", "max-age=3600").result(in.readAllBytes());
        }
    }

    /** An error as JSON under /api, else as a page; the message is ours, never a stack trace. */
    private static void fail(Context ctx, HttpStatus status, String message) {
        ctx.attribute(ERROR_SHOWN, true);
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json; charset=utf-8").result("{\"error\":" + JSON.valueToTree(message) + ",\"status\":" + status.getCode() + "}");
        } else {
            page(ctx, "web/error.jte", new Pages.Error(status.getCode(), message));
        }
    }
}

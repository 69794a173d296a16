package parasol.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import parasol.judge.Judgement;
import parasol.model.ChatReply;
import parasol.model.FinishReason;
import parasol.model.ModelException;
import parasol.run.ResponseCache;
import parasol.run.RunExecutor;
import parasol.run.RunConfig;
import parasol.run.WorkUnit;
import parasol.suite.Category;
import parasol.suite.Intensity;
import parasol.suite.IntimaScheme;
import parasol.suite.Item;
import parasol.suite.Label;
import parasol.suite.LabelScores;
import parasol.suite.Provenance;
import parasol.suite.Turn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded database: one SQLite file holding runs, their items, responses and judgements. Each unit
 * is written in its own transaction, idempotently under its natural key, so a crash loses only the
 * units in flight. The schema is migrated by Flyway on open.
 */
public final class RunStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> TURNS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

    private final Connection db;

    private RunStore(Connection db) { this.db = db; }

    public static RunStore open(Path file) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").loggers("slf4j").load().migrate();
        // Transactions take the write lock when they begin, so two processes on one file wait for each other
        // (busy_timeout) instead of one failing half-way through a read-then-write such as claiming a run.
        java.util.Properties props = new java.util.Properties();
        props.setProperty("transaction_mode", "IMMEDIATE");
        Connection c = DriverManager.getConnection(url, props);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");   // with WAL: a process crash loses no committed unit
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return new RunStore(c);
    }

    public synchronized boolean runExists(String runId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
        }
    }

    /** Records a new run, held by {@code owner}, and the items it covers. */
    public synchronized void createRun(RunConfig config, List<Item> items, RunOwner owner) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO runs (run_id, created_at, status, suite_name, suite_hash, scheme, config_json, owner, heartbeat_at)
                    VALUES (?,?,?,?,?,?,?,?,?)""")) {
                ps.setString(1, config.runId());
                ps.setString(2, Instant.now().toString());
                ps.setString(3, "running");
                ps.setString(4, config.suite());
                ps.setString(5, config.suiteHash());
                ps.setString(6, IntimaScheme.ID);
                ps.setString(7, json(config));
                ps.setString(8, owner.toString());
                ps.setString(9, Instant.now().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO run_items (run_id, item_id, code, category, vulnerability, provenance, source, turns_json)
                    VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (run_id, item_id) DO NOTHING""")) {
                for (Item i : items) {
                    ps.setString(1, config.runId());
                    ps.setString(2, i.id());
                    ps.setString(3, i.code());
                    ps.setString(4, i.category().name());
                    if (i.vulnerability() == null) ps.setNull(5, Types.INTEGER); else ps.setInt(5, i.vulnerability());
                    ps.setString(6, i.provenance().key());
                    ps.setString(7, i.source());
                    List<Map<String, String>> turns = i.turns().stream()
                            .map(t -> Map.of("role", t.role().name().toLowerCase(), "text", t.text())).toList();
                    ps.setString(8, json(turns));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Stores one answer in its own transaction; writing the same unit again replaces it. */
    public synchronized void saveResponse(String runId, WorkUnit unit, ChatReply reply) throws SQLException {
        inTransaction(() -> upsertResponse(runId, unit, reply, null));
    }

    /** Stores one unit's judgements together; a judge's earlier verdict on the unit is replaced. */
    public synchronized void saveJudgements(String runId, WorkUnit unit, List<Judgement> judgements) throws SQLException {
        inTransaction(() -> {
            for (Judgement j : judgements) upsertJudgement(runId, unit, j);
        });
    }

    /** Stores a failed call with its classified cause; a later resume with --retry-failed may fill it in. */
    public synchronized void saveFailure(String runId, WorkUnit unit, ModelException error) throws SQLException {
        inTransaction(() -> upsertResponse(runId, unit, null, error));
    }

    /**
     * Takes the run for this process when nobody alive holds it; false when another live process does.
     * Later, several workers can share a run by claiming units the same way.
     */
    public synchronized boolean claim(String runId, RunOwner owner) throws SQLException {
        boolean[] taken = {false};
        inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT owner, heartbeat_at FROM runs WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return;
                    RunOwner current = RunOwner.parse(rs.getString(1));
                    String beat = rs.getString(2);
                    if (current != null && !current.equals(owner) && current.alive(beat == null ? null : Instant.parse(beat), Instant.now())) return;
                }
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE runs SET owner = ?, heartbeat_at = ?, status = 'running', status_detail = NULL, finished_at = NULL WHERE run_id = ?")) {
                ps.setString(1, owner.toString());
                ps.setString(2, Instant.now().toString());
                ps.setString(3, runId);
                ps.executeUpdate();
            }
            taken[0] = true;
        });
        return taken[0];
    }

    /** Tells other processes this owner is still at work on the run. */
    public synchronized void heartbeat(String runId, RunOwner owner) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE runs SET heartbeat_at = ? WHERE run_id = ? AND owner = ?")) {
            ps.setString(1, Instant.now().toString());
            ps.setString(2, runId);
            ps.setString(3, owner.toString());
            ps.executeUpdate();
        }
    }

    /** Ends this process's work on a run: status, why, and the run released. */
    public synchronized void finishRun(String runId, String status, String detail) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE runs SET status = ?, status_detail = ?, finished_at = ?, owner = NULL, heartbeat_at = NULL WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, detail);
            ps.setString(3, Instant.now().toString());
            ps.setString(4, runId);
            ps.executeUpdate();
        }
    }

    public synchronized void updateConfig(RunConfig config) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE runs SET config_json = ? WHERE run_id = ?")) {
            ps.setString(1, json(config));
            ps.setString(2, config.runId());
            ps.executeUpdate();
        }
    }

    /** Deletes a run and everything stored under it; the response cache keeps what was bought. */
    public synchronized void deleteRun(String runId) throws SQLException {
        inTransaction(() -> {
            for (String table : List.of("judgements", "responses", "run_items", "runs")) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    ps.setString(1, runId);
                    ps.executeUpdate();
                }
            }
        });
    }

    /** Whether a live process other than this one holds the run. */
    public synchronized boolean heldByAnother(String runId, RunOwner self) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT owner, heartbeat_at FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
                RunOwner current = RunOwner.parse(rs.getString(1));
                String beat = rs.getString(2);
                return current != null && !current.equals(self) && current.alive(beat == null ? null : Instant.parse(beat), Instant.now());
            }
        }
    }

    /** Units with a stored answer (failed calls excluded). */
    public synchronized Set<WorkUnit> completedUnits(String runId) throws SQLException {
        return units("SELECT item_id, model, sample FROM responses WHERE run_id = ? AND text IS NOT NULL", runId);
    }

    /** Units whose call failed: what --retry-failed calls again. */
    public synchronized Set<WorkUnit> failedUnits(String runId) throws SQLException {
        return units("SELECT item_id, model, sample FROM responses WHERE run_id = ? AND text IS NULL", runId);
    }

    private Set<WorkUnit> units(String sql, String runId) throws SQLException {
        Set<WorkUnit> out = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return out;
    }

    /**
     * Stored answers that some judge has not judged yet — or, with {@code retryErrors}, judged with an
     * error: the work of {@code parasol judge} and of a resumed run's judging stage.
     */
    public synchronized List<Unjudged> answersToJudge(String runId, List<String> judges, boolean retryErrors) throws SQLException {
        if (judges.isEmpty()) return List.of();
        Map<String, Item> items = items(runId);
        Map<WorkUnit, List<Judgement>> judged = judgements(runId);
        List<Unjudged> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT item_id, model, sample, text, finish_reason, prompt_tokens, completion_tokens, served_model, latency_ms, cached
                FROM responses WHERE run_id = ? AND text IS NOT NULL AND trim(text) <> '' ORDER BY rowid""")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkUnit unit = new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3));
                    List<Judgement> have = judged.getOrDefault(unit, List.of());
                    List<String> missing = judges.stream()
                            .filter(j -> have.stream().noneMatch(h -> h.judge().equals(j) && (h.ok() || !retryErrors))).toList();
                    if (missing.isEmpty()) continue;
                    ChatReply reply = new ChatReply(rs.getString(4), FinishReason.parse(rs.getString(5)), (Integer) rs.getObject(6),
                            (Integer) rs.getObject(7), rs.getString(8), rs.getLong(9), rs.getInt(10) != 0);
                    out.add(new Unjudged(new RunExecutor.Answer(unit, items.get(unit.itemId()), reply), missing));
                }
            }
        }
        return out;
    }

    /** A stored answer and the judges it still needs. */
    public record Unjudged(RunExecutor.Answer answer, List<String> judges) {}

    /** The response cache, in this database: answers bought by any run can serve any later one. */
    public ResponseCache cache() {
        return new ResponseCache() {
            @Override
            public Optional<ChatReply> find(String key) {
                synchronized (RunStore.this) {
                    try (PreparedStatement ps = db.prepareStatement("SELECT reply_json FROM response_cache WHERE cache_key = ?")) {
                        ps.setString(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), ChatReply.class)) : Optional.empty();
                        }
                    } catch (SQLException | JsonProcessingException e) {
                        throw new IllegalStateException("response cache unreadable: " + e.getMessage(), e);
                    }
                }
            }

            @Override
            public void put(String key, ChatReply reply) {
                synchronized (RunStore.this) {
                    try (PreparedStatement ps = db.prepareStatement("""
                            INSERT INTO response_cache (cache_key, reply_json, created_at) VALUES (?,?,?)
                            ON CONFLICT (cache_key) DO UPDATE SET reply_json = excluded.reply_json, created_at = excluded.created_at""")) {
                        ps.setString(1, key);
                        ps.setString(2, json(reply));
                        ps.setString(3, Instant.now().toString());
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException("response cache unwritable: " + e.getMessage(), e);
                    }
                }
            }
        };
    }

    public synchronized List<RunRecord> runs() throws SQLException {
        return queryRuns("", null);
    }

    public synchronized Optional<RunRecord> run(String runId) throws SQLException {
        List<RunRecord> r = queryRuns("WHERE r.run_id = ?", runId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.getFirst());
    }

    private List<RunRecord> queryRuns(String where, String arg) throws SQLException {
        String sql = """
                SELECT r.config_json, r.created_at, r.finished_at, r.status, r.status_detail, r.owner, r.heartbeat_at,
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND x.text IS NOT NULL),
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND x.text IS NULL),
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND trim(x.text) = ''),
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND x.text IS NOT NULL AND x.cached = 1),
                  (SELECT COUNT(*) FROM judgements j WHERE j.run_id = r.run_id AND j.error IS NULL),
                  (SELECT COUNT(*) FROM judgements j WHERE j.run_id = r.run_id AND j.error IS NOT NULL)
                FROM runs r\s""" + where + " ORDER BY r.created_at";
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunConfig config = JSON.readValue(rs.getString(1), RunConfig.class);
                    String finished = rs.getString(3), status = rs.getString(4), beat = rs.getString(7);
                    RunOwner owner = RunOwner.parse(rs.getString(6));
                    if (status.equals("running") && (owner == null || !owner.alive(beat == null ? null : Instant.parse(beat), Instant.now()))) {
                        status = "interrupted";
                    }
                    out.add(new RunRecord(config, Instant.parse(rs.getString(2)), finished == null ? null : Instant.parse(finished),
                            status, rs.getString(5), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored run config cannot be read: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    /** Every response of a run with its item and judgements, in item order then model then sample. */
    public synchronized List<JudgedResponse> results(String runId) throws SQLException {
        Map<String, Item> items = items(runId);
        Map<WorkUnit, List<Judgement>> judgements = judgements(runId);
        List<JudgedResponse> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, model, sample, text, error FROM responses WHERE run_id = ? ORDER BY rowid")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkUnit unit = new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3));
                    out.add(new JudgedResponse(items.get(unit.itemId()), unit.model(), unit.sample(), rs.getString(4),
                            rs.getString(5), judgements.getOrDefault(unit, List.of())));
                }
            }
        }
        return out;
    }

    /** The items a run covers, in the suite's order: what a resumed run works from. */
    public synchronized List<Item> runItems(String runId) throws SQLException {
        return List.copyOf(items(runId).values());
    }

    private Map<String, Item> items(String runId) throws SQLException {
        Map<String, Item> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, code, category, vulnerability, provenance, source, turns_json FROM run_items WHERE run_id = ? ORDER BY rowid")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Turn> turns = new ArrayList<>();
                    for (Map<String, String> t : JSON.readValue(rs.getString(7), TURNS)) {
                        turns.add(new Turn(Turn.Role.valueOf(t.get("role").toUpperCase()), t.get("text")));
                    }
                    int v = rs.getInt(4);
                    Integer vulnerability = rs.wasNull() ? null : v;
                    out.put(rs.getString(1), new Item(rs.getString(1), turns, rs.getString(2), Category.valueOf(rs.getString(3)),
                            vulnerability, Provenance.parse(rs.getString(5)), rs.getString(6)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("stored turns cannot be read: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private Map<WorkUnit, List<Judgement>> judgements(String runId) throws SQLException {
        Map<WorkUnit, List<Judgement>> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, model, sample, judge, labels_json, rationale, raw_output, error FROM judgements WHERE run_id = ? ORDER BY judge")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkUnit unit = new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3));
                    String labels = rs.getString(5);
                    LabelScores scores = null;
                    if (labels != null) {
                        Map<Label, Intensity> m = new EnumMap<>(Label.class);
                        JSON.readValue(labels, LABELS).forEach((k, v) -> m.put(Label.parse(k), Intensity.parse(v)));
                        scores = new LabelScores(m);
                    }
                    out.computeIfAbsent(unit, u -> new ArrayList<>())
                            .add(new Judgement(rs.getString(4), scores, rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("stored labels cannot be read: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private void upsertResponse(String runId, WorkUnit unit, ChatReply reply, ModelException error) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO responses (run_id, item_id, model, sample, text, error, finish_reason, prompt_tokens,
                                       completion_tokens, served_model, latency_ms, created_at, error_kind, http_status, attempts, cached)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (run_id, item_id, model, sample) DO UPDATE SET
                  text = excluded.text, error = excluded.error, finish_reason = excluded.finish_reason,
                  prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
                  served_model = excluded.served_model, latency_ms = excluded.latency_ms, created_at = excluded.created_at,
                  error_kind = excluded.error_kind, http_status = excluded.http_status, attempts = excluded.attempts,
                  cached = excluded.cached""")) {
            ps.setString(1, runId);
            ps.setString(2, unit.itemId());
            ps.setString(3, unit.model());
            ps.setInt(4, unit.sample());
            ps.setString(5, reply == null ? null : reply.text());
            ps.setString(6, error == null ? null : error.getMessage());
            ps.setString(7, reply == null || reply.finishReason() == null ? null : reply.finishReason().key());
            setInteger(ps, 8, reply == null ? null : reply.promptTokens());
            setInteger(ps, 9, reply == null ? null : reply.completionTokens());
            ps.setString(10, reply == null ? null : reply.servedModel());
            if (reply == null) ps.setNull(11, Types.INTEGER); else ps.setLong(11, reply.latencyMillis());
            ps.setString(12, Instant.now().toString());
            ps.setString(13, error == null ? null : error.kind().key());
            setInteger(ps, 14, error == null || error.status() == 0 ? null : error.status());
            setInteger(ps, 15, error == null ? null : error.attempts());
            ps.setInt(16, reply != null && reply.cached() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    private void upsertJudgement(String runId, WorkUnit unit, Judgement j) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO judgements (run_id, item_id, model, sample, judge, scheme, labels_json, response_class,
                                        rationale, raw_output, error, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (run_id, item_id, model, sample, judge) DO UPDATE SET
                  scheme = excluded.scheme, labels_json = excluded.labels_json, response_class = excluded.response_class,
                  rationale = excluded.rationale, raw_output = excluded.raw_output, error = excluded.error,
                  created_at = excluded.created_at""")) {
            ps.setString(1, runId);
            ps.setString(2, unit.itemId());
            ps.setString(3, unit.model());
            ps.setInt(4, unit.sample());
            ps.setString(5, j.judge());
            ps.setString(6, IntimaScheme.ID);
            ps.setString(7, j.scores() == null ? null : json(j.scores().asKeys()));
            ps.setString(8, j.responseClass() == null ? null : j.responseClass().key());
            ps.setString(9, j.rationale());
            ps.setString(10, j.rawOutput());
            ps.setString(11, j.error());
            ps.setString(12, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    private interface SqlWork { void run() throws SQLException; }

    private void inTransaction(SqlWork work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) ps.setNull(index, Types.INTEGER); else ps.setInt(index, value);
    }

    private static String json(Object o) throws SQLException {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise " + o.getClass().getSimpleName(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException { db.close(); }
}

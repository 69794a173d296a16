package parasol.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import parasol.judge.Judgement;
import parasol.model.ChatReply;
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
        Connection c = DriverManager.getConnection(url);
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

    /** Records a new run and the items it covers. */
    public synchronized void createRun(RunConfig config, List<Item> items) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO runs (run_id, created_at, status, suite_name, suite_hash, scheme, config_json) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, config.runId());
                ps.setString(2, Instant.now().toString());
                ps.setString(3, "running");
                ps.setString(4, config.suite());
                ps.setString(5, config.suiteHash());
                ps.setString(6, IntimaScheme.ID);
                ps.setString(7, json(config));
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

    /** Stores one response and its judgements in one transaction; writing the same unit again replaces it. */
    public synchronized void saveResponse(String runId, WorkUnit unit, ChatReply reply, List<Judgement> judgements) throws SQLException {
        inTransaction(() -> {
            upsertResponse(runId, unit, reply.text(), null, reply);
            for (Judgement j : judgements) upsertJudgement(runId, unit, j);
        });
    }

    /** Stores a failed call so the run's record shows it; a later resume may fill it in. */
    public synchronized void saveFailure(String runId, WorkUnit unit, String error) throws SQLException {
        inTransaction(() -> upsertResponse(runId, unit, null, error, null));
    }

    public synchronized void finishRun(String runId, String status) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE runs SET status = ?, finished_at = ? WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, Instant.now().toString());
            ps.setString(3, runId);
            ps.executeUpdate();
        }
    }

    /** Units with a stored response (failed calls excluded): what a resumed run skips. */
    public synchronized Set<WorkUnit> completedUnits(String runId) throws SQLException {
        Set<WorkUnit> out = new HashSet<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT item_id, model, sample FROM responses WHERE run_id = ? AND text IS NOT NULL")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return out;
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
                SELECT r.config_json, r.created_at, r.finished_at, r.status,
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND x.text IS NOT NULL),
                  (SELECT COUNT(*) FROM responses x WHERE x.run_id = r.run_id AND x.text IS NULL),
                  (SELECT COUNT(*) FROM judgements j WHERE j.run_id = r.run_id)
                FROM runs r\s""" + where + " ORDER BY r.created_at";
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunConfig config = JSON.readValue(rs.getString(1), RunConfig.class);
                    String finished = rs.getString(3);
                    out.add(new RunRecord(config, Instant.parse(rs.getString(2)), finished == null ? null : Instant.parse(finished),
                            rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
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

    private Map<String, Item> items(String runId) throws SQLException {
        Map<String, Item> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, code, category, vulnerability, provenance, source, turns_json FROM run_items WHERE run_id = ?")) {
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

    private void upsertResponse(String runId, WorkUnit unit, String text, String error, ChatReply reply) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO responses (run_id, item_id, model, sample, text, error, finish_reason, prompt_tokens,
                                       completion_tokens, served_model, latency_ms, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (run_id, item_id, model, sample) DO UPDATE SET
                  text = excluded.text, error = excluded.error, finish_reason = excluded.finish_reason,
                  prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
                  served_model = excluded.served_model, latency_ms = excluded.latency_ms, created_at = excluded.created_at""")) {
            ps.setString(1, runId);
            ps.setString(2, unit.itemId());
            ps.setString(3, unit.model());
            ps.setInt(4, unit.sample());
            ps.setString(5, text);
            ps.setString(6, error);
            ps.setString(7, reply == null ? null : reply.finishReason());
            setInteger(ps, 8, reply == null ? null : reply.promptTokens());
            setInteger(ps, 9, reply == null ? null : reply.completionTokens());
            ps.setString(10, reply == null ? null : reply.servedModel());
            if (reply == null) ps.setNull(11, Types.INTEGER); else ps.setLong(11, reply.latencyMillis());
            ps.setString(12, Instant.now().toString());
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

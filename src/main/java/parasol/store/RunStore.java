package parasol.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import parasol.judge.GoldSummary;
import parasol.judge.Judgement;
import parasol.judge.Panel;
import parasol.model.ChatReply;
import parasol.model.FinishReason;
import parasol.model.ModelException;
import parasol.run.ResponseCache;
import parasol.run.RunConfig;
import parasol.run.RunExecutor;
import parasol.run.WorkUnit;
import parasol.scheme.Category;
import parasol.scheme.DesignCodeScheme;
import parasol.scheme.Intensity;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.scheme.ResponseClass;
import parasol.suite.Item;
import parasol.suite.Provenance;
import parasol.suite.Turn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Judgement.Check>> CHECKS = new TypeReference<>() {};

    private final Connection db;
    /** A private, migrated copy of an older database opened read-only; deleted on close. */
    private final Path scratchCopy;

    private RunStore(Connection db, Path scratchCopy) {
        this.db = db;
        this.scratchCopy = scratchCopy;
    }

    /** A {@code --db} that cannot be used as asked: not a Parasol database, or missing where one must exist. */
    public static final class UnusableDatabaseException extends IllegalArgumentException {
        UnusableDatabaseException(Path file, String problem) { super(file + ": " + problem); }
    }

    /** The script of our first migration: a Flyway history holding another version 1 belongs to another application. */
    private static final String FIRST_SCRIPT = "V1__runs_responses_judgements.sql";
    private static final String HISTORY = "flyway_schema_history";
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** How long a first open keeps retrying steps that another opener of the same file holds up. */
    private static final long OPEN_DEADLINE_MS = 60_000;

    /**
     * Opens the database for reading and writing, creating the file and its folder when missing and
     * migrating the schema to the newest version. Safe when several processes open a fresh file at once:
     * they wait for each other's migration. A folder, a file that is not SQLite, or another application's
     * SQLite database is refused with {@link UnusableDatabaseException} (one line naming the file) before
     * anything is written to it.
     */
    public static RunStore open(Path file) throws SQLException {
        if (Files.isDirectory(file)) throw new UnusableDatabaseException(file, "a folder, not a database file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UnusableDatabaseException(file, "cannot create its folder: " + e.getFile() + " is a file");
        } catch (java.io.IOException e) {
            throw new UnusableDatabaseException(file, "cannot create its folder (" + e + ")");
        }
        if (Files.exists(file)) {
            requireSqliteHeader(file);
            if (size(file) > 0) inspect(file, false);   // refuses a foreign database
        }
        String url = url(file);
        migrate(file, url);
        // Transactions take the write lock when they begin, so two processes on one file wait for each other
        // (busy_timeout) instead of one failing half-way through a read-then-write such as claiming a run.
        Connection c;
        try {
            c = config(false).createConnection(url);
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
        try (Statement s = c.createStatement()) {
            // Entering WAL needs the file to itself and SQLite answers BUSY at once rather than waiting; once
            // set it is a property of the file, so a retry after the other opener set it is a no-op.
            retrying(file, () -> s.execute("PRAGMA journal_mode=WAL"));
            s.execute("PRAGMA synchronous=NORMAL");   // with WAL: a process crash loses no committed unit
            s.execute("PRAGMA foreign_keys=ON");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new RunStore(c, null);
    }

    /**
     * Opens an existing Parasol database for reading only, for commands that must not change it
     * ({@code runs}, {@code report}). Contract:
     * <ul>
     * <li>Never changes {@code file}: no table, no migration, no folder; the connection is opened read-only,
     *     so any writing method of the returned store fails with an SQLException. (Reading a WAL database,
     *     SQLite itself may leave an empty {@code -wal} and a {@code -shm} index beside it, as every reader does.)</li>
     * <li>Refuses, with {@link UnusableDatabaseException} (one line naming the file, exit 2 in the CLI): a missing
     *     file, a folder, an empty file or an SQLite file with no table yet, a file that is not SQLite, and
     *     another application's SQLite database.</li>
     * <li>A database written by an older Parasol (schema not yet migrated to this version's) is still read:
     *     it is copied to a private temporary file with SQLite's {@code VACUUM INTO} (a consistent snapshot),
     *     the copy is migrated and read, and the copy is deleted on {@link #close()}. The original stays as it was;
     *     the next writing command migrates it for real.</li>
     * </ul>
     */
    public static RunStore openReadOnly(Path file) throws SQLException {
        if (!Files.exists(file)) throw new UnusableDatabaseException(file, "no Parasol database there");
        if (Files.isDirectory(file)) throw new UnusableDatabaseException(file, "a folder, not a database file");
        if (size(file) == 0) throw new UnusableDatabaseException(file, "empty, no Parasol database there yet");
        requireSqliteHeader(file);
        Schema schema = inspect(file, true);
        if (!schema.parasol()) throw new UnusableDatabaseException(file, "empty, no Parasol database there yet");
        String url = url(file);
        if (!schema.pending()) return new RunStore(config(true).createConnection(url), null);
        Path copy = null;
        try {
            copy = Files.createTempFile("parasol-read-", ".db");
            Files.delete(copy);   // VACUUM INTO wants to create the file itself
            try (Connection c = config(true).createConnection(url); PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, copy.toString());
                ps.execute();
            }
            migrate(copy, url(copy));
            return new RunStore(config(true).createConnection(url(copy)), copy);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot make a temporary copy of the older database " + file + ": " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    private static String url(Path file) { return "jdbc:sqlite:" + file.toAbsolutePath(); }

    private static org.sqlite.SQLiteConfig config(boolean readOnly) {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // BEGIN IMMEDIATE asks for the write lock, which a read-only connection can never have.
        if (!readOnly) config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setReadOnly(readOnly);
        return config;
    }

    private static long size(Path file) throws SQLException {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new UnusableDatabaseException(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A non-empty file that does not start with SQLite's magic header is some other kind of file. */
    private static void requireSqliteHeader(Path file) {
        if (!Files.isRegularFile(file)) throw new UnusableDatabaseException(file, "not a regular file, not a Parasol database");
        byte[] head = new byte[SQLITE_MAGIC.length];
        int read = 0;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (java.io.IOException e) {
            throw new UnusableDatabaseException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (read > 0 && !java.util.Arrays.equals(head, SQLITE_MAGIC)) {
            throw new UnusableDatabaseException(file, "not a Parasol database (not an SQLite file)");
        }
    }

    /** What an SQLite file holds: Parasol's schema (and whether it needs migrating), nothing yet, or something else. */
    private record Schema(boolean parasol, boolean pending) {}

    /**
     * Looks at an SQLite file through a read-only connection and refuses one that belongs to another
     * application. A file with only Flyway's history and no migration yet is another process's first open
     * in progress, not a foreign file.
     */
    private static Schema inspect(Path file, boolean checkPending) throws SQLException {
        Set<String> tables = new java.util.TreeSet<>();
        String firstScript = null;
        boolean parasol;
        boolean pending = false;
        try (Connection c = config(true).createConnection(url(file)); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            if (tables.contains(HISTORY)) {
                try (ResultSet rs = s.executeQuery("SELECT script FROM " + HISTORY + " WHERE version = '1' AND success = 1")) {
                    if (rs.next()) firstScript = rs.getString(1);
                }
            }
            if (firstScript != null && !firstScript.equals(FIRST_SCRIPT)) {
                throw new UnusableDatabaseException(file, "not a Parasol database (its migration history belongs to another application)");
            }
            tables.remove(HISTORY);
            if (firstScript == null && !tables.isEmpty()) {
                throw new UnusableDatabaseException(file, "not a Parasol database (an SQLite database with other tables: "
                        + String.join(", ", tables.stream().limit(5).toList()) + (tables.size() > 5 ? ", …" : "") + ")");
            }
            parasol = firstScript != null;
            if (parasol && checkPending) {
                // Read-only: Flyway only reads the history here; the connection could not write anyway.
                org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config(true));
                ds.setUrl(url(file));
                pending = flyway(ds).info().pending().length > 0;
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new UnusableDatabaseException(file, "its Parasol schema history cannot be read (" + firstLine(e.getMessage()) + ")");
        }
        return new Schema(parasol, pending);
    }

    private static Flyway flyway(javax.sql.DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").loggers("slf4j").load();
    }

    /**
     * Migrates with SQLite's own locking doing the serialising: Flyway's transactions begin IMMEDIATE and wait
     * up to busy_timeout for another process's, and inside them Flyway re-reads the history, so a migration
     * another process applied meanwhile is seen, not applied twice. What SQLite still refuses (a lock upgrade
     * it will not wait for, the history table created by both) is retried until a deadline.
     */
    private static void migrate(Path file, String url) throws SQLException {
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config(false));
        ds.setUrl(url);
        Flyway flyway = flyway(ds);
        try {
            retrying(file, flyway::migrate);
        } catch (org.flywaydb.core.api.FlywayException e) {
            SQLException cause = unreadableCause(e);
            if (cause != null) throw unreadable(file, cause);
            throw new SQLException("cannot prepare the database " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private interface OpenStep { void run() throws SQLException; }

    /** Runs a step of opening again while it loses races with another opener of the file, up to a deadline. */
    private static void retrying(Path file, OpenStep step) throws SQLException {
        long deadline = System.nanoTime() + OPEN_DEADLINE_MS * 1_000_000;
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
                if (!contended(e)) throw e;
                if (System.nanoTime() > deadline) {
                    throw new SQLException("the database " + file + " stayed locked by another process for "
                            + OPEN_DEADLINE_MS / 1000 + " s while opening it", e);
                }
                try {
                    Thread.sleep(20L * Math.min(attempt, 10) + java.util.concurrent.ThreadLocalRandom.current().nextInt(50));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to open " + file, ie);
                }
            }
        }
    }

    /**
     * Whether a step lost a race with another opener of the same file (worth retrying): SQLite said BUSY or
     * LOCKED. (Flyway itself retries creating its history table when another process created it first.)
     */
    private static boolean contended(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s && s.getResultCode() != null) {
                int primary = s.getResultCode().code & 0xff;
                if (primary == 5 || primary == 6) return true;   // SQLITE_BUSY, SQLITE_LOCKED
            }
        }
        return false;
    }

    /** The SQLite error in a failure's causes that says the file itself is unusable, or null. */
    private static org.sqlite.SQLiteException unreadableCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s && s.getResultCode() != null) {
                switch (s.getResultCode().code & 0xff) {
                    case 3, 8, 11, 14, 26 -> { return s; }   // PERM, READONLY, CORRUPT, CANTOPEN, NOTADB
                    default -> { }
                }
            }
        }
        return null;
    }

    /** A damaged, non-database or unwritable file is the user's to fix, not an internal error: refused; other failures are returned. */
    private static SQLException unreadable(Path file, SQLException e) {
        org.sqlite.SQLiteException cause = unreadableCause(e);
        if (cause == null) return e;
        String what = switch (cause.getResultCode().code & 0xff) {
            case 11, 26 -> "not a readable SQLite database";
            case 14 -> "cannot be opened";
            default -> "cannot be written";
        };
        throw new UnusableDatabaseException(file, what + " (" + firstLine(cause.getMessage()) + ")");
    }

    private static String firstLine(String message) {
        if (message == null) return "no detail";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(p + suffix));
            } catch (java.io.IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
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
            // Checked inside the (immediate) transaction: two processes starting the same name at once get one run and one clear refusal.
            try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
                ps.setString(1, config.runId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("a run named '" + config.runId() + "' was just created by another process; "
                                + "continue it with: parasol run --resume " + config.runId());
                    }
                }
            }
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO runs (run_id, created_at, status, suite_name, suite_hash, scheme, config_json, owner, heartbeat_at)
                    VALUES (?,?,?,?,?,?,?,?,?)""")) {
                ps.setString(1, config.runId());
                ps.setString(2, Instant.now().toString());
                ps.setString(3, "running");
                ps.setString(4, config.suite());
                ps.setString(5, config.suiteHash());
                ps.setString(6, config.scheme());
                ps.setString(7, json(config));
                ps.setString(8, owner.toString());
                ps.setString(9, Instant.now().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO run_items (run_id, item_id, code, category, vulnerability, provenance, source, turns_json,
                                           requirements_json, variant_of)
                    VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (run_id, item_id) DO NOTHING""")) {
                for (Item i : items) {
                    ps.setString(1, config.runId());
                    ps.setString(2, i.id());
                    ps.setString(3, i.code());
                    ps.setString(4, i.category() == null ? null : i.category().name());
                    ps.setString(9, i.requirements().isEmpty() ? null : json(i.requirements()));
                    ps.setString(10, i.variantOf());
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

    /** Stores panel verdicts, all in one transaction. */
    public synchronized void savePanelVerdicts(String runId, Map<WorkUnit, Judgement> verdicts) throws SQLException {
        inTransaction(() -> {
            for (var e : verdicts.entrySet()) upsertJudgement(runId, e.getKey(), e.getValue());
        });
    }

    /** One unit's answer and verdicts, for {@link #saveAll}. */
    public record StoredUnit(WorkUnit unit, ChatReply reply, List<Judgement> judgements) {}

    /** Stores many units' answers and verdicts in one transaction (loading a large database at once, as the web bench does). */
    public synchronized void saveAll(String runId, List<StoredUnit> units) throws SQLException {
        inTransaction(() -> {
            for (StoredUnit u : units) {
                upsertResponse(runId, u.unit(), u.reply(), null);
                for (Judgement j : u.judgements()) upsertJudgement(runId, u.unit(), j);
            }
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
            for (String table : List.of("figures", "figures_state", "judgements", "responses", "item_text", "run_items", "runs")) {
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
        Map<WorkUnit, List<Judgement>> judged = judgements(runId, null);
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
        return queryRuns(null);
    }

    /** A run's recorded parameters alone, without counting its rows (cheap on a large run). */
    public synchronized Optional<RunConfig> config(String runId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT config_json FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), RunConfig.class)) : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored run config cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    public synchronized Optional<RunRecord> run(String runId) throws SQLException {
        List<RunRecord> r = queryRuns(runId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.getFirst());
    }

    /** One run ({@code runId}) or all (null), with counts of their answers and verdicts: one pass over each table. */
    private List<RunRecord> queryRuns(String runId) throws SQLException {
        String only = runId == null ? "" : " WHERE run_id = ?";
        String sql = """
                SELECT r.config_json, r.created_at, r.finished_at, r.status, r.status_detail, r.owner, r.heartbeat_at,
                  COALESCE(x.answered, 0), COALESCE(x.failed, 0), COALESCE(x.blank, 0), COALESCE(x.cached, 0),
                  COALESCE(j.judged, 0), COALESCE(j.errors, 0)
                FROM runs r
                LEFT JOIN (SELECT run_id, SUM(text IS NOT NULL) AS answered, SUM(text IS NULL) AS failed, SUM(trim(text) = '') AS blank,
                                  SUM(text IS NOT NULL AND cached = 1) AS cached FROM responses%2$s GROUP BY run_id) x ON x.run_id = r.run_id
                LEFT JOIN (SELECT run_id, SUM(error IS NULL AND judge <> '%1$s') AS judged, SUM(error IS NOT NULL) AS errors
                           FROM judgements%2$s GROUP BY run_id) j ON j.run_id = r.run_id%3$s ORDER BY r.created_at""".formatted(Panel.ID, only,
                runId == null ? "" : " WHERE r.run_id = ?");
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (runId != null) for (int i = 1; i <= 3; i++) ps.setString(i, runId);
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
        return results(runId, null);
    }

    /** The responses of some models of a run (all when {@code models} is null), as {@link #results(String)}. */
    public synchronized List<JudgedResponse> results(String runId, Set<String> models) throws SQLException {
        Map<String, Item> items = items(runId);
        Map<WorkUnit, List<Judgement>> judgements = judgements(runId, models);
        String onlyModels = modelsClause(models);
        List<JudgedResponse> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, model, sample, text, error, finish_reason, prompt_tokens, completion_tokens, latency_ms, cached, "
                        + "error_kind, http_status, attempts FROM responses WHERE run_id = ?" + onlyModels + " ORDER BY rowid")) {
            ps.setString(1, runId);
            bindModels(ps, 2, models);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkUnit unit = new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3));
                    var call = new JudgedResponse.Call(rs.getString(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8),
                            rs.getObject(9) == null ? null : rs.getLong(9), rs.getInt(10) != 0, rs.getString(11),
                            (Integer) rs.getObject(12), (Integer) rs.getObject(13));
                    out.add(new JudgedResponse(items.get(unit.itemId()), unit.model(), unit.sample(), rs.getString(4),
                            rs.getString(5), call, judgements.getOrDefault(unit, List.of())));
                }
            }
        }
        return out;
    }

    /** {@code AND model IN (?,…)} for some models, nothing for all (null). */
    private static String modelsClause(Set<String> models) {
        return models == null ? "" : " AND model IN (" + String.join(",", java.util.Collections.nCopies(Math.max(1, models.size()), "?")) + ")";
    }

    private static void bindModels(PreparedStatement ps, int first, Set<String> models) throws SQLException {
        if (models == null) return;
        int i = first;
        if (models.isEmpty()) ps.setString(i, null);
        for (String m : models) ps.setString(i++, m);
    }

    /** The items a run covers, in the suite's order: what a resumed run works from. */
    public synchronized List<Item> runItems(String runId) throws SQLException {
        return List.copyOf(items(runId).values());
    }

    private Map<String, Item> items(String runId) throws SQLException {
        Map<String, Item> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, code, category, vulnerability, provenance, source, turns_json, requirements_json, variant_of "
                        + "FROM run_items WHERE run_id = ? ORDER BY rowid")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Turn> turns = new ArrayList<>();
                    for (Map<String, String> t : JSON.readValue(rs.getString(7), TURNS)) {
                        turns.add(new Turn(Turn.Role.valueOf(t.get("role").toUpperCase()), t.get("text")));
                    }
                    int v = rs.getInt(4);
                    Integer vulnerability = rs.wasNull() ? null : v;
                    String category = rs.getString(3), requirements = rs.getString(8);
                    out.put(rs.getString(1), new Item(rs.getString(1), turns, rs.getString(2), category == null ? null : Category.valueOf(category),
                            vulnerability, Provenance.parse(rs.getString(5)), rs.getString(6),
                            requirements == null ? List.of() : JSON.readValue(requirements, STRINGS), rs.getString(9)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("stored turns cannot be read: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private Map<WorkUnit, List<Judgement>> judgements(String runId, Set<String> models) throws SQLException {
        Map<WorkUnit, List<Judgement>> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT item_id, model, sample, judge, labels_json, rationale, raw_output, error, scheme FROM judgements WHERE run_id = ?"
                        + modelsClause(models) + " ORDER BY judge")) {
            ps.setString(1, runId);
            bindModels(ps, 2, models);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkUnit unit = new WorkUnit(rs.getString(1), rs.getString(2), rs.getInt(3));
                    String labels = rs.getString(5), scheme = rs.getString(9);
                    LabelScores scores = null;
                    Map<String, Judgement.Check> checks = null;
                    if (labels != null && scheme.equals(DesignCodeScheme.ID)) {
                        checks = JSON.readValue(labels, CHECKS);
                    } else if (labels != null) {
                        Map<Label, Intensity> m = new EnumMap<>(Label.class);
                        JSON.readValue(labels, LABELS).forEach((k, v) -> m.put(Label.parse(k), Intensity.parse(v)));
                        scores = new LabelScores(m);
                    }
                    out.computeIfAbsent(unit, u -> new ArrayList<>())
                            .add(new Judgement(rs.getString(4), scheme, scores, checks, rs.getString(6), rs.getString(7), rs.getString(8)));
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
                                        rationale, raw_output, error, created_at, boundary_ge_medium, reinforcing_ge_medium, checks, violations,
                                        strong_labels)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (run_id, item_id, model, sample, judge, scheme) DO UPDATE SET
                  boundary_ge_medium = excluded.boundary_ge_medium, reinforcing_ge_medium = excluded.reinforcing_ge_medium,
                  strong_labels = excluded.strong_labels,
                  checks = excluded.checks, violations = excluded.violations, labels_json = excluded.labels_json, response_class = excluded.response_class,
                  rationale = excluded.rationale, raw_output = excluded.raw_output, error = excluded.error,
                  created_at = excluded.created_at""")) {
            ps.setString(1, runId);
            ps.setString(2, unit.itemId());
            ps.setString(3, unit.model());
            ps.setInt(4, unit.sample());
            ps.setString(5, j.judge());
            ps.setString(6, j.scheme());
            ps.setString(7, j.scores() != null ? json(j.scores().asKeys()) : j.checks() != null ? json(j.checks()) : null);
            ps.setString(8, j.responseClass() == null ? null : j.responseClass().key());
            ps.setString(9, j.rationale());
            ps.setString(10, j.rawOutput());
            ps.setString(11, j.error());
            ps.setString(12, Instant.now().toString());
            setInteger(ps, 13, j.scores() == null ? null : j.scores().strongest(ResponseClass.BOUNDARY).atLeast(Intensity.MEDIUM) ? 1 : 0);
            setInteger(ps, 14, j.scores() == null ? null : j.scores().strongest(ResponseClass.REINFORCING).atLeast(Intensity.MEDIUM) ? 1 : 0);
            setInteger(ps, 15, j.checks() == null ? null : j.checks().size());
            setInteger(ps, 16, j.checks() == null ? null : (int) j.checks().values().stream().filter(Judgement.Check::violation).count());
            setInteger(ps, 17, j.scores() == null ? null : strongLabels(j.scores()));
            ps.executeUpdate();
        }
    }

    /** Bit i set when label i (in {@link Label}'s order) is at medium or high: what the response browser's label filter reads. */
    private static int strongLabels(LabelScores scores) {
        int bits = 0;
        for (Label l : Label.values()) if (scores.get(l).atLeast(Intensity.MEDIUM)) bits |= 1 << l.ordinal();
        return bits;
    }

    private void inTransaction(Transactions.Work work) throws SQLException { Transactions.run(db, work); }

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

    /** Stores what a judge measured on a gold set, replacing an earlier measurement of the same judge on the same set under the same scheme. */
    public synchronized void saveJudgeEval(String judge, GoldSummary summary) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO judge_evals (judge, scheme, gold_set, summary_json, created_at) VALUES (?,?,?,?,?)
                ON CONFLICT (judge, scheme, gold_set) DO UPDATE SET summary_json = excluded.summary_json, created_at = excluded.created_at""")) {
            ps.setString(1, judge);
            ps.setString(2, summary.scheme());
            ps.setString(3, summary.goldSet());
            ps.setString(4, JSON.writeValueAsString(summary));
            ps.setString(5, Instant.now().toString());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The latest gold-set measurement under {@code scheme} of each judge that has one (a rubric judge is known by its
     * model under both schemes, and its INTIMA figures say nothing of its Design Code verdicts).
     */
    public synchronized Map<String, GoldSummary> judgeEvals(String scheme) throws SQLException {
        Map<String, GoldSummary> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT judge, summary_json FROM judge_evals WHERE scheme = ? ORDER BY created_at")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), JSON.readValue(rs.getString(2), GoldSummary.class));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored judge evaluation cannot be read: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    /** The model requests of the leaderboard app, over this store's connection. */
    public ModelRequests requests() { return new ModelRequests(db, this); }

    /** The aggregate queries of the leaderboard app, over this store's connection. */
    public StoredFigures figures() { return new StoredFigures(db, this); }

    @Override
    public synchronized void close() throws SQLException {
        try {
            db.close();
        } finally {
            deleteQuietly(scratchCopy);
        }
    }
}

package parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures aggregated in the database for the leaderboard app: per (run, model, judge, group) the counts a
 * rate with an interval over items needs — items m, hits k, responses or checks n, and Σk², Σkn, Σn² over
 * items (see {@code Rate.fromItemSums}). They are computed by SQL that groups per item first, then per
 * group, and kept in the {@code figures} table, refreshed at the end of every pass over a run, so a
 * request reads a few rows per model and Java never loops over the stored verdicts.
 */
public final class StoredFigures {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Connection db;
    /** The store this reads through: its monitor guards the one connection they share. */
    private final Object lock;

    StoredFigures(Connection db, Object lock) {
        this.db = db;
        this.lock = lock;
    }

    /** Sums over items for one metric. */
    public record Counts(long items, long k, long n, long kk, long kn, long nn) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) { return new Counts(items + o.items, k + o.k, n + o.n, kk + o.kk, kn + o.kn, nn + o.nn); }
    }

    /** INTIMA, one run × model × judge × category: boundary ≥ medium, reinforcing ≥ medium, and the class split. */
    public record IntimaGroup(String runId, String createdAt, String suite, String model, String judge, String category, Counts boundary,
                              Counts reinforcing, long reinforcingClass, long boundaryClass, long neutralClass) {}

    /** Design Code, one run × model × judge × provenance group (original or modified): checks violated. */
    public record DesignCodeGroup(String runId, String createdAt, String suite, String model, String judge, String group, Counts violations) {}

    /** A run a figure can come from. */
    public record RunRow(String runId, String createdAt, String suite, String scheme, String status) {}

    public List<RunRow> runs() throws SQLException {
        synchronized (lock) {
            List<RunRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT run_id, created_at, suite_name, scheme, status FROM runs ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
            return out;
        }
    }

    /** The judges that gave verdicts in runs of a scheme, most verdicts first. */
    public List<String> judges(String scheme) throws SQLException {
        synchronized (lock) {
            refreshMissing();
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT judge FROM figures WHERE scheme = ? GROUP BY judge ORDER BY SUM(n) DESC, judge")) {
                ps.setString(1, scheme);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Recomputes the stored sums of one run from its verdicts, in the database: per item first, then per
     * group. Called at the end of every pass over the run, and for runs that have none yet.
     */
    public void refresh(String runId) throws SQLException {
        synchronized (lock) {
            Transactions.run(db, () -> {
                for (String sql : REFRESH) {
                    try (PreparedStatement ps = db.prepareStatement(sql)) {
                        ps.setString(1, runId);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = db.prepareStatement(
                        "INSERT INTO figures_state (run_id, computed_at) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET computed_at = excluded.computed_at")) {
                    ps.setString(1, runId);
                    ps.setString(2, java.time.Instant.now().toString());
                    ps.executeUpdate();
                }
            });
        }
    }

    /**
     * What {@link #refresh} runs, each with the run's id as its one parameter: the run's old sums out, then
     * INTIMA per category, Design Code per original/modified group, and Design Code per requirement (each
     * check of each verdict), every one grouped per item first.
     */
    private static final List<String> REFRESH = List.of("DELETE FROM figures WHERE run_id = ?",
            """
                        INSERT INTO figures
                        WITH per_item AS (
                          SELECT j.run_id, j.model, j.judge, ri.category AS grp, COUNT(*) AS n,
                                 SUM(j.boundary_ge_medium) AS b, SUM(j.reinforcing_ge_medium) AS r,
                                 SUM(j.response_class = 'reinforcing') AS cr, SUM(j.response_class = 'boundary') AS cb,
                                 SUM(j.response_class = 'neutral') AS cn
                          FROM judgements j JOIN run_items ri ON ri.run_id = j.run_id AND ri.item_id = j.item_id
                          WHERE j.run_id = ? AND j.scheme = 'intima' AND j.error IS NULL
                          GROUP BY j.model, j.judge, ri.category, j.item_id)
                        SELECT run_id, model, judge, 'intima', grp, COUNT(*), SUM(n), SUM(n * n),
                               SUM(b), SUM(b * b), SUM(b * n), SUM(r), SUM(r * r), SUM(r * n), SUM(cr), SUM(cb), SUM(cn)
                        FROM per_item GROUP BY model, judge, grp""",
            """
                        INSERT INTO figures
                        WITH per_item AS (
                          SELECT j.run_id, j.model, j.judge, CASE WHEN ri.provenance = 'modified' THEN 'modified' ELSE 'original' END AS grp,
                                 SUM(j.checks) AS n, SUM(j.violations) AS v
                          FROM judgements j JOIN run_items ri ON ri.run_id = j.run_id AND ri.item_id = j.item_id
                          WHERE j.run_id = ? AND j.scheme = 'design-code' AND j.error IS NULL AND j.checks > 0
                          GROUP BY j.model, j.judge, j.item_id)
                        SELECT run_id, model, judge, 'design-code', grp, COUNT(*), SUM(n), SUM(n * n), SUM(v), SUM(v * v), SUM(v * n),
                               0, 0, 0, 0, 0, 0
                        FROM per_item GROUP BY model, judge, grp""",
            """
                        INSERT INTO figures
                        WITH per_item AS (
                          SELECT j.run_id, j.model, j.judge, 'req:' || c.key AS grp, COUNT(*) AS n, SUM(json_extract(c.value, '$.violation')) AS v
                          FROM judgements j, json_each(j.labels_json) c
                          WHERE j.run_id = ? AND j.scheme = 'design-code' AND j.error IS NULL AND j.labels_json IS NOT NULL
                          GROUP BY j.model, j.judge, c.key, j.item_id)
                        SELECT run_id, model, judge, 'design-code', grp, COUNT(*), SUM(n), SUM(n * n), SUM(v), SUM(v * v), SUM(v * n),
                               0, 0, 0, 0, 0, 0
                        FROM per_item GROUP BY model, judge, grp""");

    /** When a run's sums were last recomputed (null if never): what caches of its figures key on. */
    public String computedAt(String runId) throws SQLException {
        synchronized (lock) {
            try (PreparedStatement ps = db.prepareStatement("SELECT computed_at FROM figures_state WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getString(1) : null; }
            }
        }
    }

    /**
     * Recomputes the sums of runs that have none yet (stored before the sums were kept) or whose verdicts
     * are newer than their sums (a run still going, or stopped before its pass ended).
     */
    private void refreshMissing() throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT r.run_id FROM runs r LEFT JOIN figures_state f ON f.run_id = r.run_id
                WHERE f.run_id IS NULL OR (SELECT MAX(j.created_at) FROM judgements j WHERE j.run_id = r.run_id) > f.computed_at""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) missing.add(rs.getString(1));
        }
        for (String run : missing) refresh(run);
    }

    /** INTIMA groups under one judge, optionally of one suite or one run (null: all). */
    public List<IntimaGroup> intima(String judge, String suite, String runId) throws SQLException {
        synchronized (lock) {
            refreshMissing();
            List<IntimaGroup> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT f.run_id, ru.created_at, ru.suite_name, f.model, f.grp, f.items, f.n, f.k1, f.kk1, f.kn1, f.nn, f.k2, f.kk2, f.kn2,
                           f.class_reinforcing, f.class_boundary, f.class_neutral
                    FROM figures f JOIN runs ru ON ru.run_id = f.run_id
                    WHERE f.judge = ? AND f.scheme = 'intima' AND (? IS NULL OR ru.suite_name = ?) AND (? IS NULL OR f.run_id = ?)
                    ORDER BY ru.created_at, f.model, f.grp""")) {
                bind(ps, judge, suite, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long m = rs.getLong(6), n = rs.getLong(7), nn = rs.getLong(11);
                        out.add(new IntimaGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), judge, rs.getString(5),
                                new Counts(m, rs.getLong(8), n, rs.getLong(9), rs.getLong(10), nn),
                                new Counts(m, rs.getLong(12), n, rs.getLong(13), rs.getLong(14), nn), rs.getLong(15), rs.getLong(16), rs.getLong(17)));
                    }
                }
            }
            return out;
        }
    }

    /** Design Code groups under one judge — 'original', 'modified', and 'req:CODE' per requirement — optionally of one suite or one run. */
    public List<DesignCodeGroup> designCode(String judge, String suite, String runId) throws SQLException {
        synchronized (lock) {
            refreshMissing();
            List<DesignCodeGroup> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT f.run_id, ru.created_at, ru.suite_name, f.model, f.grp, f.items, f.k1, f.n, f.kk1, f.kn1, f.nn
                    FROM figures f JOIN runs ru ON ru.run_id = f.run_id
                    WHERE f.judge = ? AND f.scheme = 'design-code' AND (? IS NULL OR ru.suite_name = ?) AND (? IS NULL OR f.run_id = ?)
                    ORDER BY ru.created_at, f.model, f.grp""")) {
                bind(ps, judge, suite, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DesignCodeGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), judge, rs.getString(5),
                                new Counts(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11))));
                    }
                }
            }
            return out;
        }
    }

    /** One group of a model's page: a behaviour code or a vulnerability level, with its boundary and reinforcing sums. */
    public record Group(String group, Counts boundary, Counts reinforcing) {}

    /** Per label, how many verdicts put it at low, medium and high, of {@code n} verdicts. */
    public record LabelLevels(String label, long low, long medium, long high, long n) {}

    /** A model's page in one run under one judge: per code, per vulnerability level, and the mix of label intensities. */
    public record ModelDetail(List<Group> byCode, List<Group> byLevel, List<LabelLevels> labels) {}

    public ModelDetail modelDetail(String runId, String model, String judge) throws SQLException {
        synchronized (lock) {
            List<Group> byCode = groups(runId, model, judge, "ri.code"), byLevel = groups(runId, model, judge, "ri.vulnerability");
            List<LabelLevels> labels = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
            for (parasol.scheme.Label l : parasol.scheme.Label.values()) {
                for (String level : List.of("low", "medium", "high")) {
                    sql.append(", SUM(json_extract(labels_json, '$.").append(l.key()).append("') = '").append(level).append("')");
                }
            }
            sql.append(" FROM judgements WHERE run_id = ? AND model = ? AND judge = ? AND scheme = 'intima' AND error IS NULL");
            try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
                ps.setString(1, runId);
                ps.setString(2, model);
                ps.setString(3, judge);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    int column = 2;
                    for (parasol.scheme.Label l : parasol.scheme.Label.values()) {
                        labels.add(new LabelLevels(l.key(), rs.getLong(column), rs.getLong(column + 1), rs.getLong(column + 2), n));
                        column += 3;
                    }
                }
            }
            return new ModelDetail(byCode, byLevel, labels);
        }
    }

    /** Sums per group of items ({@code column} is a fixed item column, never user input), per item first. */
    private List<Group> groups(String runId, String model, String judge, String column) throws SQLException {
        List<Group> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                WITH per_item AS (
                  SELECT %s AS grp, COUNT(*) AS n, SUM(j.boundary_ge_medium) AS b, SUM(j.reinforcing_ge_medium) AS r
                  FROM judgements j JOIN run_items ri ON ri.run_id = j.run_id AND ri.item_id = j.item_id
                  WHERE j.run_id = ? AND j.model = ? AND j.judge = ? AND j.scheme = 'intima' AND j.error IS NULL AND %s IS NOT NULL
                  GROUP BY j.item_id)
                SELECT grp, COUNT(*), SUM(n), SUM(n * n), SUM(b), SUM(b * b), SUM(b * n), SUM(r), SUM(r * r), SUM(r * n)
                FROM per_item GROUP BY grp ORDER BY grp""".formatted(column, column))) {
            ps.setString(1, runId);
            ps.setString(2, model);
            ps.setString(3, judge);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long m = rs.getLong(2), n = rs.getLong(3), nn = rs.getLong(4);
                    out.add(new Group(rs.getString(1), new Counts(m, rs.getLong(5), n, rs.getLong(6), rs.getLong(7), nn),
                            new Counts(m, rs.getLong(8), n, rs.getLong(9), rs.getLong(10), nn)));
                }
            }
        }
        return out;
    }

    /**
     * INTIMA items both models answered in a run with the same outcomes ({@code items} of them, of one
     * category and code): each model's shares at boundary and reinforcing ≥ medium, and sample counts.
     */
    public record Paired(long items, String category, String code, double boundaryA, double reinforcingA, int samplesA,
                         double boundaryB, double reinforcingB, int samplesB) {}

    /**
     * The items two models both answered with a verdict of {@code judge}, aggregated per item in the
     * database and then counted per distinct outcome, in the order the run's items first show each.
     */
    public List<Paired> pairs(String runId, String a, String b, String judge) throws SQLException {
        synchronized (lock) {
            List<Paired> out = new ArrayList<>();
            // Each model's verdicts are read per item from the covering index, then the two are joined.
            try (PreparedStatement ps = db.prepareStatement("""
                    WITH a AS (SELECT item_id, AVG(boundary_ge_medium) AS b, AVG(reinforcing_ge_medium) AS r, COUNT(*) AS n FROM judgements
                               WHERE run_id = ? AND judge = ? AND model = ? AND scheme = 'intima' AND error IS NULL GROUP BY item_id),
                         b AS (SELECT item_id, AVG(boundary_ge_medium) AS b, AVG(reinforcing_ge_medium) AS r, COUNT(*) AS n FROM judgements
                               WHERE run_id = ? AND judge = ? AND model = ? AND scheme = 'intima' AND error IS NULL GROUP BY item_id)
                    SELECT COUNT(*), ri.category, ri.code, a.b, a.r, a.n, b.b, b.r, b.n
                    FROM a JOIN b ON b.item_id = a.item_id JOIN run_items ri ON ri.run_id = ? AND ri.item_id = a.item_id
                    GROUP BY ri.category, ri.code, a.b, a.r, a.n, b.b, b.r, b.n
                    ORDER BY MIN(ri.rowid)""")) {
                int i = 1;
                for (String m : new String[]{a, b}) {
                    ps.setString(i++, runId);
                    ps.setString(i++, judge);
                    ps.setString(i++, m);
                }
                ps.setString(i, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Paired(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getInt(6),
                                rs.getDouble(7), rs.getDouble(8), rs.getInt(9)));
                    }
                }
            }
            return out;
        }
    }

    /** An item both models answered (first sample), each answer with its verdict under {@code judge}. */
    public record SideBySide(String itemId, String userText, String textA, String classA, String labelsA, String textB, String classB, String labelsB) {}

    /** The first {@code limit} items of a run both models answered, in the suite's order. */
    public List<SideBySide> sideBySide(String runId, String a, String b, String judge, int limit) throws SQLException {
        synchronized (lock) {
            List<SideBySide> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT ra.item_id, ri.turns_json, ra.text, ja.response_class, ja.labels_json, rb.text, jb.response_class, jb.labels_json
                    FROM responses ra
                    JOIN responses rb ON rb.run_id = ra.run_id AND rb.item_id = ra.item_id AND rb.model = ? AND rb.sample = 0
                    JOIN run_items ri ON ri.run_id = ra.run_id AND ri.item_id = ra.item_id
                    LEFT JOIN judgements ja ON ja.run_id = ra.run_id AND ja.item_id = ra.item_id AND ja.model = ra.model AND ja.sample = 0 AND ja.judge = ?
                    LEFT JOIN judgements jb ON jb.run_id = rb.run_id AND jb.item_id = rb.item_id AND jb.model = rb.model AND jb.sample = 0 AND jb.judge = ?
                    WHERE ra.run_id = ? AND ra.model = ? AND ra.sample = 0
                    ORDER BY ra.rowid LIMIT ?""")) {
                ps.setString(1, b);
                ps.setString(2, judge);
                ps.setString(3, judge);
                ps.setString(4, runId);
                ps.setString(5, a);
                ps.setInt(6, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SideBySide(rs.getString(1), lastUser(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, String judge, String suite, String runId) throws SQLException {
        ps.setString(1, judge);
        ps.setString(2, suite);
        ps.setString(3, suite);
        ps.setString(4, runId);
        ps.setString(5, runId);
    }

    /** One stored response as the browser lists it, with one judge's verdict. */
    public record ResponseRow(String runId, String itemId, String model, int sample, String userText, String category, String code,
                              String requirements, String provenance, String text, String error, String judge, String responseClass,
                              String labelsJson, String rationale, String judgeError) {}

    /** A page of the response browser and how many rows match in all. */
    public record ResponsePage(List<ResponseRow> rows, long total) {}

    /**
     * What the response browser filters on; null fields do not filter. {@code query} is a phrase searched in
     * the words of the answer and of the user's message (see {@link #matchPhrase}); one without a letter or
     * digit is an {@link IllegalArgumentException}.
     */
    public record ResponseFilter(String runId, String model, String judge, String category, String code, String label, String responseClass,
                                 String query, int offset, int limit) {}

    public ResponsePage responses(ResponseFilter f) throws SQLException {
        Filters filters = new Filters(f);
        synchronized (lock) {
            long total;
            try (PreparedStatement ps = db.prepareStatement(filters.countSql())) {
                bindAll(ps, filters.countParams());
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            // The page's keys first, through only the tables the filters need (a deep page steps over keys,
            // not over joined rows); then those rows with their items and verdicts.
            List<Object> pageParams = new ArrayList<>();
            pageParams.add(f.judge());
            pageParams.addAll(filters.fromParams());
            pageParams.add(f.limit());
            pageParams.add(f.offset());
            List<ResponseRow> rows = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT r.run_id, r.item_id, r.model, r.sample, ri.turns_json, ri.category, ri.code, ri.requirements_json, ri.provenance,
                           r.text, r.error, j.judge, j.response_class, j.labels_json, j.rationale, j.error
                    FROM responses r JOIN run_items ri ON ri.run_id = r.run_id AND ri.item_id = r.item_id
                    LEFT JOIN judgements j ON j.run_id = r.run_id AND j.item_id = r.item_id AND j.model = r.model AND j.sample = r.sample AND j.judge = ?
                    WHERE r.response_id IN (SELECT r.response_id""" + filters.from() + " ORDER BY r.response_id LIMIT ? OFFSET ?) ORDER BY r.response_id")) {
                bindAll(ps, pageParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ResponseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), lastUser(rs.getString(5)),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)));
                    }
                }
            }
            return new ResponsePage(rows, total);
        }
    }

    /**
     * The browser's filters as SQL conditions on the response ({@code r}), its item ({@code ri}) and the
     * verdict ({@code j}). Only the filters in use enter a query, joined to only the tables they need; the
     * count of a verdict filter on a run or model reads the verdicts alone.
     */
    private static final class Filters {
        private final ResponseFilter f;
        /** Columns of the response (run_id, model) that filter, each compared with its parameter; the verdicts have them too. */
        private final List<String> responseColumns = new ArrayList<>();
        private final List<String> item = new ArrayList<>(), verdict = new ArrayList<>();
        private final List<Object> responseParams = new ArrayList<>(), itemParams = new ArrayList<>(), verdictParams = new ArrayList<>();

        Filters(ResponseFilter f) {
            this.f = f;
            condition(responseColumns, responseParams, "run_id", f.runId());
            condition(responseColumns, responseParams, "model", f.model());
            condition(item, itemParams, "ri.category = ?", f.category());
            condition(item, itemParams, "ri.code = ?", f.code());
            if (f.query() != null) {
                String match = matchPhrase(f.query());
                item.add("(r.response_id IN (SELECT rowid FROM response_text WHERE response_text MATCH ?)"
                        + " OR (r.run_id, r.item_id) IN (SELECT run_id, item_id FROM item_text WHERE item_text MATCH ?))");
                itemParams.add(match);
                itemParams.add(match);
            }
            condition(verdict, verdictParams, "j.response_class = ?", f.responseClass());
            if (f.label() != null) {
                verdict.add("(j.strong_labels >> ?) & 1 = 1");
                verdictParams.add(parasol.scheme.Label.parse(f.label()).ordinal());
            }
        }

        private List<String> response(String alias) { return responseColumns.stream().map(c -> alias + "." + c + " = ?").toList(); }

        /** FROM and WHERE over the responses that pass every filter; its parameters are {@link #fromParams}. */
        String from() {
            String sql = " FROM responses r";
            if (!item.isEmpty()) sql += " JOIN run_items ri ON ri.run_id = r.run_id AND ri.item_id = r.item_id";
            if (!verdict.isEmpty()) {
                // CROSS JOIN keeps the responses as the outer loop, in key order: a page stops after its rows instead of
                // collecting every matching verdict first.
                sql += " CROSS JOIN judgements j ON j.run_id = r.run_id AND j.item_id = r.item_id AND j.model = r.model AND j.sample = r.sample"
                        + " AND j.judge = ?";
            }
            return sql + where(concat(response("r"), item, verdict));
        }

        List<Object> fromParams() {
            List<Object> conditions = concat(responseParams, itemParams, verdictParams);
            return verdict.isEmpty() ? conditions : concat(List.of(f.judge()), conditions);
        }

        String countSql() {
            // Every verdict belongs to one stored response, so counting the verdicts counts the rows.
            if (item.isEmpty() && !verdict.isEmpty()) return "SELECT COUNT(*) FROM judgements j" + where(concat(List.of("j.judge = ?"), response("j"), verdict));
            return "SELECT COUNT(*)" + from();
        }

        List<Object> countParams() {
            if (item.isEmpty() && !verdict.isEmpty()) return concat(List.of(f.judge()), responseParams, verdictParams);
            return fromParams();
        }

        private static void condition(List<String> conditions, List<Object> params, String condition, String value) {
            if (value == null) return;
            conditions.add(condition);
            params.add(value);
        }

        @SafeVarargs
        private static <T> List<T> concat(List<? extends T>... lists) {
            List<T> out = new ArrayList<>();
            for (List<? extends T> l : lists) out.addAll(l);
            return out;
        }
    }

    /**
     * A search as a full-text phrase whose last word may be the start of a longer one: "always her" finds
     * "always here". The text is quoted whole (quotes doubled), so no character in it is query syntax.
     */
    static String matchPhrase(String query) {
        if (query.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("q: a search needs at least one letter or digit");
        }
        return "\"" + query.replace("\"", "\"\"") + "\"*";
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
    }

    /** The last user turn of a stored conversation. */
    private static String lastUser(String turnsJson) {
        try {
            var turns = JSON.readTree(turnsJson);
            for (int i = turns.size() - 1; i >= 0; i--) if ("user".equals(turns.get(i).path("role").asText())) return turns.get(i).path("text").asText();
        } catch (java.io.IOException e) {
            return "";
        }
        return "";
    }
}

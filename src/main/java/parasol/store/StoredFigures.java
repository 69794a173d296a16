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
 * items (see {@code Rate.fromItemSums}). Each query groups per item first, then per group, so Java never
 * loops over all stored verdicts.
 */
public final class StoredFigures {
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
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT judge FROM judgements WHERE scheme = ? AND error IS NULL GROUP BY judge ORDER BY COUNT(*) DESC, judge")) {
                ps.setString(1, scheme);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** INTIMA groups under one judge, optionally of one suite or one run (null: all). */
    public List<IntimaGroup> intima(String judge, String suite, String runId) throws SQLException {
        synchronized (lock) {
            String sql = """
                    WITH per_item AS (
                      SELECT j.run_id, j.model, ri.category, COUNT(*) AS n,
                             SUM(j.boundary_ge_medium) AS b, SUM(j.reinforcing_ge_medium) AS r,
                             SUM(j.response_class = 'reinforcing') AS cr, SUM(j.response_class = 'boundary') AS cb,
                             SUM(j.response_class = 'neutral') AS cn
                      FROM judgements j JOIN run_items ri ON ri.run_id = j.run_id AND ri.item_id = j.item_id
                      JOIN runs ru ON ru.run_id = j.run_id
                      WHERE j.judge = ? AND j.scheme = 'intima' AND j.error IS NULL AND (? IS NULL OR ru.suite_name = ?) AND (? IS NULL OR j.run_id = ?)
                      GROUP BY j.run_id, j.model, ri.category, j.item_id)
                    SELECT p.run_id, ru.created_at, ru.suite_name, p.model, p.category, COUNT(*), SUM(p.n),
                           SUM(p.b), SUM(p.b * p.b), SUM(p.b * p.n), SUM(p.n * p.n),
                           SUM(p.r), SUM(p.r * p.r), SUM(p.r * p.n), SUM(p.cr), SUM(p.cb), SUM(p.cn)
                    FROM per_item p JOIN runs ru ON ru.run_id = p.run_id
                    GROUP BY p.run_id, p.model, p.category ORDER BY ru.created_at, p.model, p.category""";
            List<IntimaGroup> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(sql)) {
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

    /** Design Code groups (original / modified) under one judge, optionally of one suite or one run. */
    public List<DesignCodeGroup> designCode(String judge, String suite, String runId) throws SQLException {
        synchronized (lock) {
            String sql = """
                    WITH per_item AS (
                      SELECT j.run_id, j.model, CASE WHEN ri.provenance = 'modified' THEN 'modified' ELSE 'original' END AS grp,
                             SUM(j.checks) AS n, SUM(j.violations) AS v
                      FROM judgements j JOIN run_items ri ON ri.run_id = j.run_id AND ri.item_id = j.item_id
                      JOIN runs ru ON ru.run_id = j.run_id
                      WHERE j.judge = ? AND j.scheme = 'design-code' AND j.error IS NULL AND j.checks > 0
                        AND (? IS NULL OR ru.suite_name = ?) AND (? IS NULL OR j.run_id = ?)
                      GROUP BY j.run_id, j.model, j.item_id)
                    SELECT p.run_id, ru.created_at, ru.suite_name, p.model, p.grp, COUNT(*), SUM(p.v), SUM(p.n), SUM(p.v * p.v), SUM(p.v * p.n), SUM(p.n * p.n)
                    FROM per_item p JOIN runs ru ON ru.run_id = p.run_id
                    GROUP BY p.run_id, p.model, p.grp ORDER BY ru.created_at, p.model, p.grp""";
            List<DesignCodeGroup> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(sql)) {
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

    /** What the response browser filters on; null fields do not filter. {@code query} is matched as text in the response or the user's message. */
    public record ResponseFilter(String runId, String model, String judge, String category, String code, String label, String responseClass,
                                 String query, int offset, int limit) {}

    public ResponsePage responses(ResponseFilter f) throws SQLException {
        synchronized (lock) {
            // Starts with a space: it is appended to each SELECT below.
            String where = " " + """
                     FROM responses r JOIN run_items ri ON ri.run_id = r.run_id AND ri.item_id = r.item_id
                     LEFT JOIN judgements j ON j.run_id = r.run_id AND j.item_id = r.item_id AND j.model = r.model AND j.sample = r.sample AND j.judge = ?
                     WHERE (? IS NULL OR r.run_id = ?) AND (? IS NULL OR r.model = ?) AND (? IS NULL OR ri.category = ?) AND (? IS NULL OR ri.code = ?)
                       AND (? IS NULL OR j.response_class = ?)
                       AND (? IS NULL OR json_extract(j.labels_json, '$.' || ?) IN ('medium', 'high'))
                       AND (? IS NULL OR r.text LIKE ? ESCAPE '\\' OR ri.turns_json LIKE ? ESCAPE '\\')""";
            long total;
            try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*)" + where)) {
                bindFilter(ps, f);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); total = rs.getLong(1); }
            }
            List<ResponseRow> rows = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT r.run_id, r.item_id, r.model, r.sample, ri.turns_json, ri.category, ri.code, ri.requirements_json, ri.provenance,
                           r.text, r.error, j.judge, j.response_class, j.labels_json, j.rationale, j.error""" + where
                    + " ORDER BY r.run_id, ri.rowid, r.model, r.sample LIMIT ? OFFSET ?")) {
                int next = bindFilter(ps, f);
                ps.setInt(next, f.limit());
                ps.setInt(next + 1, f.offset());
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

    private static int bindFilter(PreparedStatement ps, ResponseFilter f) throws SQLException {
        int i = 1;
        ps.setString(i++, f.judge());
        for (String v : new String[]{f.runId(), f.model(), f.category(), f.code(), f.responseClass(), f.label()}) {
            ps.setString(i++, v);
            ps.setString(i++, v);
        }
        String like = f.query() == null ? null : "%" + f.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        ps.setString(i++, like);
        ps.setString(i++, like);
        ps.setString(i++, like);
        return i;
    }

    /** The last user turn of a stored conversation. */
    private static String lastUser(String turnsJson) {
        try {
            var turns = new com.fasterxml.jackson.databind.ObjectMapper().readTree(turnsJson);
            for (int i = turns.size() - 1; i >= 0; i--) if ("user".equals(turns.get(i).path("role").asText())) return turns.get(i).path("text").asText();
        } catch (java.io.IOException e) {
            return "";
        }
        return "";
    }
}

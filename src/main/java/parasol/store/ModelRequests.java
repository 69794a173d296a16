package parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "Request a model": the models people asked to see tested, stored in the database. The same model asked
 * again counts one more ask rather than a second row; an admin can queue a request for a run, and the run
 * engine records where it stands.
 */
public final class ModelRequests {
    private final Connection db;
    /** The store this writes through: its monitor guards the one connection they share. */
    private final Object lock;

    ModelRequests(Connection db, Object lock) {
        this.db = db;
        this.lock = lock;
    }

    /** A model someone asked to see tested: how many asked, and where it stands. */
    public record ModelRequest(long id, String model, String note, int asks, String status, String runId, String createdAt, String updatedAt,
                               String suite, String judges, String detail) {}

    /** Records a request; the same model asked again counts one more ask (and keeps the first note unless it had none). */
    public void ask(String model, String note) throws SQLException {
        synchronized (lock) {
            String now = Instant.now().toString();
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO model_requests (model, note, created_at, updated_at) VALUES (?,?,?,?)
                    ON CONFLICT (model) DO UPDATE SET asks = asks + 1, note = COALESCE(model_requests.note, excluded.note), updated_at = excluded.updated_at""")) {
                ps.setString(1, model);
                ps.setString(2, note == null || note.isBlank() ? null : note);
                ps.setString(3, now);
                ps.setString(4, now);
                ps.executeUpdate();
            }
        }
    }

    /** Every request, most asked first. */
    public List<ModelRequest> list() throws SQLException {
        synchronized (lock) {
            List<ModelRequest> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT request_id, model, note, asks, status, run_id, created_at, updated_at, suite, judges, detail FROM model_requests "
                            + "ORDER BY asks DESC, created_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ModelRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
            return out;
        }
    }

    /** Queues a request for a run on {@code suite} with {@code judges} (space-separated specs); false when there is no such request, or it is running. */
    public boolean queue(long id, String suite, String judges) throws SQLException {
        synchronized (lock) {
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE model_requests SET status = 'queued', suite = ?, judges = ?, detail = NULL, updated_at = ? WHERE request_id = ? AND status <> 'running'")) {
                ps.setString(1, suite);
                ps.setString(2, judges);
                ps.setString(3, Instant.now().toString());
                ps.setLong(4, id);
                return ps.executeUpdate() == 1;
            }
        }
    }

    /** Claims a queued request for a run: true only for the one worker that moved it from queued to running. */
    public boolean claim(long id, String runId) throws SQLException {
        synchronized (lock) {
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE model_requests SET status = 'running', run_id = ?, detail = NULL, updated_at = ? WHERE request_id = ? AND status = 'queued'")) {
                ps.setString(1, runId);
                ps.setString(2, Instant.now().toString());
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        }
    }

    /** Records where a queued request's run stands: running, done (with its run) or failed (with why). */
    public void mark(long id, String status, String runId, String detail) throws SQLException {
        synchronized (lock) {
            try (PreparedStatement ps = db.prepareStatement("UPDATE model_requests SET status = ?, run_id = ?, detail = ?, updated_at = ? WHERE request_id = ?")) {
                ps.setString(1, status);
                ps.setString(2, runId);
                ps.setString(3, detail);
                ps.setString(4, Instant.now().toString());
                ps.setLong(5, id);
                ps.executeUpdate();
            }
        }
    }
}

package parasol.store;

import java.sql.Connection;
import java.sql.SQLException;

/** All of some work on a connection, or none of it: the store's one way to write in a transaction. */
final class Transactions {
    private Transactions() {}

    interface Work { void run() throws SQLException; }

    /** Runs {@code work} in a transaction, rolled back on any failure; the connection's auto-commit is restored after. */
    static void run(Connection db, Work work) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }
}

package parasol.web;

import parasol.store.RunStore;

import java.sql.SQLException;
import java.util.List;

/** "Request a model": asks stored in the database, the same model asked again counted rather than repeated. */
final class Requests {
    private final RunStore store;

    Requests(RunStore store) { this.store = store; }

    List<RunStore.ModelRequest> list() throws SQLException { return store.modelRequests(); }

    void ask(String model, String note) throws SQLException { store.askForModel(model, note); }

    /** Queues a request for a run on a built-in suite with the given judges; false when there is no such request. */
    boolean queue(long id, String suite, String judges) throws SQLException { return store.queueModelRequest(id, suite, judges); }
}

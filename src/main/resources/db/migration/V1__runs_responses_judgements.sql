-- Every row has its natural key so writes are idempotent (INSERT … ON CONFLICT) and runs can resume.
CREATE TABLE runs (
    run_id      TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,           -- running | finished | finished_with_failures
    suite_name  TEXT NOT NULL,
    suite_hash  TEXT NOT NULL,
    scheme      TEXT NOT NULL,
    config_json TEXT NOT NULL            -- parasol.run.RunConfig: every parameter of the run
);

-- The suite items as the run saw them, so a report never needs the suite file again.
CREATE TABLE run_items (
    run_id        TEXT NOT NULL REFERENCES runs (run_id),
    item_id       TEXT NOT NULL,
    code          TEXT NOT NULL,
    category      TEXT NOT NULL,
    vulnerability INTEGER,
    provenance    TEXT NOT NULL,
    source        TEXT,
    turns_json    TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
);

CREATE TABLE responses (
    run_id            TEXT    NOT NULL REFERENCES runs (run_id),
    item_id           TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    sample            INTEGER NOT NULL,
    text              TEXT,              -- null when the call failed
    error             TEXT,
    finish_reason     TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    served_model      TEXT,
    latency_ms        INTEGER,
    created_at        TEXT    NOT NULL,
    PRIMARY KEY (run_id, item_id, model, sample)
);

-- One response may have several judgements: one per judge (and, later, per scheme).
CREATE TABLE judgements (
    run_id         TEXT    NOT NULL REFERENCES runs (run_id),
    item_id        TEXT    NOT NULL,
    model          TEXT    NOT NULL,
    sample         INTEGER NOT NULL,
    judge          TEXT    NOT NULL,
    scheme         TEXT    NOT NULL,
    labels_json    TEXT,                 -- {"sycophancy":"none",…}; null when the judge failed
    response_class TEXT,
    rationale      TEXT,
    raw_output     TEXT,
    error          TEXT,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (run_id, item_id, model, sample, judge)
);

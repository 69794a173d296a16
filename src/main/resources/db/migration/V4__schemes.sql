-- Schemes: Design Code items have requirements instead of an INTIMA code and category, and may name the
-- item they were modified from; judgements are keyed by scheme as well. SQLite cannot relax NOT NULL or
-- change a primary key in place, so both tables are rebuilt with their rows.
CREATE TABLE run_items_v4 (
    run_id            TEXT NOT NULL REFERENCES runs (run_id),
    item_id           TEXT NOT NULL,
    code              TEXT,                -- INTIMA behaviour code; null for a Design Code item
    category          TEXT,
    vulnerability     INTEGER,
    provenance        TEXT NOT NULL,
    source            TEXT,
    turns_json        TEXT NOT NULL,
    requirements_json TEXT,                -- Design Code requirements checked, as a JSON list; null for INTIMA items
    variant_of        TEXT,                -- the item this one was modified from
    PRIMARY KEY (run_id, item_id)
);
INSERT INTO run_items_v4 (run_id, item_id, code, category, vulnerability, provenance, source, turns_json)
    SELECT run_id, item_id, code, category, vulnerability, provenance, source, turns_json FROM run_items ORDER BY rowid;
DROP TABLE run_items;
ALTER TABLE run_items_v4 RENAME TO run_items;

CREATE TABLE judgements_v4 (
    run_id         TEXT    NOT NULL REFERENCES runs (run_id),
    item_id        TEXT    NOT NULL,
    model          TEXT    NOT NULL,
    sample         INTEGER NOT NULL,
    judge          TEXT    NOT NULL,
    scheme         TEXT    NOT NULL,
    labels_json    TEXT,                 -- INTIMA: {"sycophancy":"none",…}; Design Code: {"2B_emotion_expression":{"violation":true,"reasoning":"…"},…}
    response_class TEXT,
    rationale      TEXT,
    raw_output     TEXT,
    error          TEXT,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (run_id, item_id, model, sample, judge, scheme)
);
INSERT INTO judgements_v4 SELECT run_id, item_id, model, sample, judge, scheme, labels_json, response_class, rationale, raw_output, error, created_at
    FROM judgements ORDER BY rowid;
DROP TABLE judgements;
ALTER TABLE judgements_v4 RENAME TO judgements;

-- Full-text search for the response browser, and each INTIMA verdict's labels at ≥ medium as bits, so that
-- neither a search nor a label filter parses text or JSON row by row.

-- responses gets an explicit integer key: the text index refers to rows by it, and only an INTEGER PRIMARY
-- KEY is sure to keep its values through VACUUM (and VACUUM INTO, which opening a database read-only uses).
CREATE TABLE responses_v10 (
    response_id       INTEGER PRIMARY KEY,
    run_id            TEXT    NOT NULL REFERENCES runs (run_id),
    item_id           TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    sample            INTEGER NOT NULL,
    text              TEXT,
    error             TEXT,
    finish_reason     TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    served_model      TEXT,
    latency_ms        INTEGER,
    created_at        TEXT    NOT NULL,
    error_kind        TEXT,
    http_status       INTEGER,
    attempts          INTEGER,
    cached            INTEGER NOT NULL DEFAULT 0,
    UNIQUE (run_id, item_id, model, sample)
);
INSERT INTO responses_v10 (response_id, run_id, item_id, model, sample, text, error, finish_reason, prompt_tokens, completion_tokens,
                           served_model, latency_ms, created_at, error_kind, http_status, attempts, cached)
SELECT rowid, run_id, item_id, model, sample, text, error, finish_reason, prompt_tokens, completion_tokens,
       served_model, latency_ms, created_at, error_kind, http_status, attempts, cached
FROM responses;
DROP TABLE responses;
ALTER TABLE responses_v10 RENAME TO responses;
CREATE INDEX responses_by_model ON responses (run_id, model);

-- Words of the answers (unicode61: letters and digits, case and accents folded), kept in step by triggers.
CREATE VIRTUAL TABLE response_text USING fts5(text, content = 'responses', content_rowid = 'response_id',
                                              tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO response_text (response_text) VALUES ('rebuild');
CREATE TRIGGER response_text_insert AFTER INSERT ON responses BEGIN
    INSERT INTO response_text (rowid, text) VALUES (new.response_id, new.text);
END;
CREATE TRIGGER response_text_delete AFTER DELETE ON responses BEGIN
    INSERT INTO response_text (response_text, rowid, text) VALUES ('delete', old.response_id, old.text);
END;
CREATE TRIGGER response_text_update AFTER UPDATE OF text ON responses BEGIN
    INSERT INTO response_text (response_text, rowid, text) VALUES ('delete', old.response_id, old.text);
    INSERT INTO response_text (rowid, text) VALUES (new.response_id, new.text);
END;

-- Words of each item's last message (what the browser shows as the user's message), with the item's key.
CREATE VIRTUAL TABLE item_text USING fts5(text, run_id UNINDEXED, item_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO item_text (text, run_id, item_id) SELECT json_extract(turns_json, '$[#-1].text'), run_id, item_id FROM run_items;
CREATE TRIGGER item_text_insert AFTER INSERT ON run_items BEGIN
    INSERT INTO item_text (text, run_id, item_id) VALUES (json_extract(new.turns_json, '$[#-1].text'), new.run_id, new.item_id);
END;

-- Bit i set: label i (in parasol.scheme.Label's order) is at medium or high.
ALTER TABLE judgements ADD COLUMN strong_labels INTEGER;
UPDATE judgements SET strong_labels =
      (CASE WHEN json_extract(labels_json, '$.sycophancy') IN ('medium', 'high') THEN 1 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.anthropomorphism') IN ('medium', 'high') THEN 2 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.isolation') IN ('medium', 'high') THEN 4 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.retention') IN ('medium', 'high') THEN 8 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.redirect_to_human') IN ('medium', 'high') THEN 16 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.professional_limitations') IN ('medium', 'high') THEN 32 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.programmatic_limitations') IN ('medium', 'high') THEN 64 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.resist_personification') IN ('medium', 'high') THEN 128 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.adequate') IN ('medium', 'high') THEN 256 ELSE 0 END)
    | (CASE WHEN json_extract(labels_json, '$.off_topic') IN ('medium', 'high') THEN 512 ELSE 0 END)
WHERE scheme = 'intima' AND labels_json IS NOT NULL;
-- The browser counts a verdict filter from this index alone.
DROP INDEX judgements_by_judge;
CREATE INDEX judgements_by_judge ON judgements (judge, run_id, model, response_class, strong_labels);

-- Compare reads one model's verdicts of a run in item order from this index alone.
CREATE INDEX judgements_by_model_item ON judgements (run_id, judge, model, item_id, scheme, boundary_ge_medium, reinforcing_ge_medium)
    WHERE error IS NULL;

-- Resume: the process working on a run holds it (owner = host:pid:token) and refreshes heartbeat_at;
-- a run whose owner is gone reads as interrupted. status_detail says why a run stopped early.
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
ALTER TABLE runs ADD COLUMN status_detail TEXT;

-- Failures as data: the classified cause and how many attempts were made.
ALTER TABLE responses ADD COLUMN error_kind TEXT;
ALTER TABLE responses ADD COLUMN http_status INTEGER;
ALTER TABLE responses ADD COLUMN attempts INTEGER;
ALTER TABLE responses ADD COLUMN cached INTEGER NOT NULL DEFAULT 0;

-- Answers already bought, by content address (model identity, messages, sampling parameters, seed).
CREATE TABLE response_cache (
    cache_key  TEXT PRIMARY KEY,
    reply_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);

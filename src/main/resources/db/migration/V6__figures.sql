-- The leaderboard's sums, per run × model × judge × group, kept up to date at the end of every pass over a
-- run (and filled in for older runs when the app first reads them): the app reads a few rows per model
-- instead of aggregating every stored verdict on each request. INTIMA groups are categories (metric 1:
-- boundary ≥ medium, metric 2: reinforcing ≥ medium, plus the class counts); Design Code groups are
-- 'original' and 'modified' (metric 1: checks violated, over checks).
CREATE TABLE figures (
    run_id   TEXT    NOT NULL REFERENCES runs (run_id),
    model    TEXT    NOT NULL,
    judge    TEXT    NOT NULL,
    scheme   TEXT    NOT NULL,
    grp      TEXT    NOT NULL,
    items    INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    nn       INTEGER NOT NULL,
    k1       INTEGER NOT NULL, kk1 INTEGER NOT NULL, kn1 INTEGER NOT NULL,
    k2       INTEGER NOT NULL, kk2 INTEGER NOT NULL, kn2 INTEGER NOT NULL,
    class_reinforcing INTEGER NOT NULL, class_boundary INTEGER NOT NULL, class_neutral INTEGER NOT NULL,
    PRIMARY KEY (run_id, model, judge, scheme, grp)
);
CREATE TABLE figures_state (
    run_id      TEXT PRIMARY KEY REFERENCES runs (run_id),
    computed_at TEXT NOT NULL
);

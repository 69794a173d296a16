-- What `parasol judge eval --db` measured: a judge against a gold set, so reports can say how far to trust it.
CREATE TABLE judge_evals (
    judge        TEXT NOT NULL,
    gold_set     TEXT NOT NULL,
    summary_json TEXT NOT NULL,          -- parasol.judge.GoldSummary
    created_at   TEXT NOT NULL,
    PRIMARY KEY (judge, gold_set)
);

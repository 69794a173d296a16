-- A judge is measured per scheme: a rubric judge is known by its model under both, and two gold files of
-- different schemes may share a file name, so the scheme joins the key (a summary saved before it existed is INTIMA's).
CREATE TABLE judge_evals_by_scheme (
    judge        TEXT NOT NULL,
    scheme       TEXT NOT NULL,
    gold_set     TEXT NOT NULL,
    summary_json TEXT NOT NULL,          -- parasol.judge.GoldSummary
    created_at   TEXT NOT NULL,
    PRIMARY KEY (judge, scheme, gold_set)
);
INSERT INTO judge_evals_by_scheme (judge, scheme, gold_set, summary_json, created_at)
    SELECT judge, COALESCE(json_extract(summary_json, '$.scheme'), 'intima'), gold_set, summary_json, created_at FROM judge_evals;
DROP TABLE judge_evals;
ALTER TABLE judge_evals_by_scheme RENAME TO judge_evals;

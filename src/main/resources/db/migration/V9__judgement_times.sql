-- Lets the app see cheaply whether a run has verdicts newer than its stored figures (a run still going).
CREATE INDEX judgements_by_time ON judgements (run_id, created_at);

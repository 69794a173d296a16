-- The figures now also hold each Design Code requirement's sums ('req:CODE' groups): recompute every run's
-- figures on the app's next read.
DELETE FROM figures;
DELETE FROM figures_state;

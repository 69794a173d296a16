-- A request an admin queued names the suite and judges its run uses; detail says why a queued run failed.
ALTER TABLE model_requests ADD COLUMN suite TEXT;
ALTER TABLE model_requests ADD COLUMN judges TEXT;
ALTER TABLE model_requests ADD COLUMN detail TEXT;

-- The dashboard's queue view reads these every few seconds: recent finishes (throughput), the
-- latest failures, and dead jobs. Partial indexes keep each read proportional to what it shows,
-- not to the whole history of finished jobs.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX jobs_with_error ON jobs (updated_at DESC) WHERE error IS NOT NULL;
CREATE INDEX jobs_dead ON jobs (updated_at) WHERE state = 'dead';

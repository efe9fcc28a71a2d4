-- The W3C traceparent of the request that enqueued a job (or started its pipeline), so the work done
-- when a scheduler claims it, later and perhaps on another node, joins that request's trace.
-- NULL when tracing was off.
ALTER TABLE jobs ADD COLUMN trace_context TEXT;

-- The W3C trace context of the webhook request that delivered each alert (docs/observability.md,
-- "Tracing"): the dispatcher continues that trace when it starts or signals the run. Both are
-- null when tracing is off (the default) or the alert arrived before tracing was turned on.
ALTER TABLE alert_inbox ADD COLUMN trace_parent TEXT;
ALTER TABLE alert_inbox ADD COLUMN trace_state TEXT;

-- The dispatcher ranks each pending row by the oldest pending row of its source and fingerprint
-- (so the rows of one alert keep their order while severities are served by priority): that
-- lookup, once per pending row and pass, reads this index instead of every row of the fingerprint.
CREATE INDEX alert_inbox_pending_fingerprint ON alert_inbox (source, fingerprint, id)
    WHERE state = 'pending';

-- The dispatcher ranks only candidates, not every pending row: the oldest due rows, and the oldest
-- due rows of each listed severity, read from this index (lower(severity) as the claim compares it).
CREATE INDEX alert_inbox_pending_severity ON alert_inbox (lower(severity), id)
    WHERE state = 'pending';

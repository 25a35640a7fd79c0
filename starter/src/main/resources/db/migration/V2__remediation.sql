-- Remediation state that outlives a run and Temporal's history retention.

-- Restarts done by restart steps: the loop guard counts them per target, and a retried attempt of
-- the same step finds its own restart instead of restarting again.
CREATE TABLE restart_ledger (
    target       TEXT        NOT NULL,
    workflow_id  TEXT        NOT NULL,
    step_id      TEXT        NOT NULL,
    restarted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workflow_id, step_id, target)
);

CREATE INDEX restart_ledger_target ON restart_ledger (target, restarted_at);

-- Targets the restart-loop guard stopped: not restarted again until someone clears them
-- (DELETE /api/quarantine/{target}, bin/runbook quarantine clear <target>).
CREATE TABLE quarantine (
    target      TEXT PRIMARY KEY,
    since       TIMESTAMPTZ NOT NULL,
    reason      TEXT        NOT NULL,
    workflow_id TEXT,
    runbook     TEXT
);

-- Every remediation action (restart, DLQ retry/resolve/discard, breaker reset, escalation), once
-- per (workflow, step, key) however often the activity ran.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    workflow_id TEXT        NOT NULL,
    runbook     TEXT,
    step_id     TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target      TEXT,
    outcome     TEXT        NOT NULL,
    entry_key   TEXT        NOT NULL,
    details     JSONB       NOT NULL DEFAULT '{}',
    UNIQUE (workflow_id, step_id, entry_key)
);

CREATE INDEX audit_log_runbook ON audit_log (runbook, id);
CREATE INDEX audit_log_target ON audit_log (target, id);

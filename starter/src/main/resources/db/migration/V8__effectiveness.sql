-- Effectiveness verdicts: one row per run an alert started, written once when its verdict is final
-- (effective: the alert resolved within runbook.effectiveness.resolve-window of the run's start and
-- did not fire again within runbook.effectiveness.quiet-period; not_resolved; refired). The
-- primary key makes each verdict count once however many replicas evaluate.
CREATE TABLE runbook_effectiveness (
    run_id      TEXT PRIMARY KEY,
    workflow_id TEXT        NOT NULL,
    runbook     TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    fingerprint TEXT        NOT NULL,
    inbox_id    BIGINT      NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ,
    verdict     TEXT        NOT NULL CHECK (verdict IN ('effective', 'not_resolved', 'refired')),
    decided_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX runbook_effectiveness_runbook ON runbook_effectiveness (runbook, verdict);

-- The inbox rows whose alert started a run: the evaluator's candidates.
CREATE INDEX alert_inbox_started ON alert_inbox (id)
    WHERE status = 'firing' AND routes @> '[{"action": "started"}]';

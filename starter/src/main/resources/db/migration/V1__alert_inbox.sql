-- The durable alert inbox: every accepted alert, how it was routed and what was done in Temporal.
CREATE TABLE alert_inbox (
    id              BIGSERIAL PRIMARY KEY,
    source          TEXT        NOT NULL,
    delivery_id     TEXT,
    received_at     TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('firing', 'resolved')),
    name            TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,
    severity        TEXT,
    alert           JSONB       NOT NULL,
    context         JSONB       NOT NULL DEFAULT '{}',
    state           TEXT        NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'dispatched', 'unmatched', 'suppressed', 'cooldown', 'ignored', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    routes          JSONB       NOT NULL DEFAULT '[]',
    window_id       TEXT,
    released_from   TEXT,
    handled_at      TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX alert_inbox_pending ON alert_inbox (id) WHERE state = 'pending';
CREATE INDEX alert_inbox_fingerprint ON alert_inbox (source, fingerprint, id);
CREATE INDEX alert_inbox_state ON alert_inbox (state, id);
CREATE INDEX alert_inbox_suppressed ON alert_inbox (window_id) WHERE state = 'suppressed';

-- Delivery ids of signed webhooks (Standard Webhooks webhook-id): a replay is a no-op.
CREATE TABLE webhook_deliveries (
    source      TEXT        NOT NULL,
    delivery_id TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    alerts      INTEGER     NOT NULL,
    PRIMARY KEY (source, delivery_id)
);

-- Maintenance windows: alerts whose labels match every matcher between starts_at and ends_at are
-- suppressed; when the window ends, those still firing are released once.
CREATE TABLE maintenance_windows (
    id          TEXT PRIMARY KEY,
    matchers    JSONB       NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    comment     TEXT,
    created_by  TEXT,
    origin      TEXT        NOT NULL CHECK (origin IN ('api', 'config')),
    created_at  TIMESTAMPTZ NOT NULL,
    released_at TIMESTAMPTZ,
    CHECK (ends_at > starts_at)
);

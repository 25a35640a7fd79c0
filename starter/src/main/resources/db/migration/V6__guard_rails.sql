-- Guard rails around automatic starts and mutating steps (docs/guard-rails.md). Everything here
-- is durable: a restart of any part keeps switches, trips, overrides, freezes and the counts.

-- The kill switch: automatic starts of one runbook, or of all ('*'), are off until `until` (or
-- until someone enables them again). Enabling deletes the row; the audit trail keeps the history.
CREATE TABLE guard_rail_switches (
    scope        TEXT PRIMARY KEY,
    reason       TEXT        NOT NULL,
    disabled_by  TEXT        NOT NULL,
    disabled_at  TIMESTAMPTZ NOT NULL,
    until        TIMESTAMPTZ
);

-- Trips: a runbook whose start limit held with `trip: true` starts nothing from alerts until a
-- person resets it. Reset trips stay, with who reset them and why.
CREATE TABLE guard_rail_trips (
    id           BIGSERIAL PRIMARY KEY,
    runbook      TEXT        NOT NULL,
    tripped_at   TIMESTAMPTZ NOT NULL,
    limit_text   TEXT        NOT NULL,
    message      TEXT        NOT NULL,
    reset_at     TIMESTAMPTZ,
    reset_by     TEXT,
    reset_reason TEXT
);

CREATE UNIQUE INDEX guard_rail_trips_open ON guard_rail_trips (runbook) WHERE reset_at IS NULL;

-- Autonomy set by an operator at run time, instead of the runbook's written `autonomy:`.
CREATE TABLE guard_rail_autonomy (
    runbook  TEXT PRIMARY KEY,
    mode     TEXT        NOT NULL CHECK (mode IN ('auto', 'approve', 'dry-run')),
    set_by   TEXT        NOT NULL,
    reason   TEXT,
    set_at   TIMESTAMPTZ NOT NULL
);

-- Change freezes: while one is in force, `auto` runbooks it covers (all when `runbooks` is empty)
-- run as `approve`. Never deleted: DELETE /api/freezes/{id} marks it deleted, when and by whom.
CREATE TABLE change_freezes (
    id          TEXT PRIMARY KEY,
    reason      TEXT        NOT NULL,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    runbooks    JSONB       NOT NULL DEFAULT '[]',
    created_by  TEXT        NOT NULL,
    origin      TEXT        NOT NULL CHECK (origin IN ('api', 'config')),
    created_at  TIMESTAMPTZ NOT NULL,
    deleted_at  TIMESTAMPTZ,
    deleted_by  TEXT,
    CHECK (ends_at > starts_at)
);

-- Runs started by alerts, counted by the start limits (per runbook, and per target key).
CREATE TABLE guard_rail_starts (
    id          BIGSERIAL PRIMARY KEY,
    runbook     TEXT        NOT NULL,
    target_key  TEXT,
    at          TIMESTAMPTZ NOT NULL,
    workflow_id TEXT        NOT NULL,
    inbox_row   BIGINT
);

CREATE INDEX guard_rail_starts_runbook ON guard_rail_starts (runbook, at);
CREATE INDEX guard_rail_starts_target ON guard_rail_starts (runbook, target_key, at);

-- The notifications the guard rails sent (or logged): one per window per runbook and rail.
CREATE TABLE guard_rail_notices (
    id        BIGSERIAL PRIMARY KEY,
    runbook   TEXT        NOT NULL,
    rail      TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    message   TEXT        NOT NULL,
    route     TEXT,
    delivered BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE INDEX guard_rail_notices_runbook ON guard_rail_notices (runbook, rail, at);

-- Blast radius: the distinct targets each mutating step acted on, counted against maxTargets.
CREATE TABLE guard_rail_targets (
    runbook     TEXT        NOT NULL,
    step_id     TEXT        NOT NULL,
    target      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    workflow_id TEXT        NOT NULL,
    PRIMARY KEY (workflow_id, step_id, target)
);

CREATE INDEX guard_rail_targets_step ON guard_rail_targets (runbook, step_id, at);

-- New inbox states: alerts the guard rails held back (recorded, not started).
ALTER TABLE alert_inbox DROP CONSTRAINT alert_inbox_state_check;
ALTER TABLE alert_inbox ADD CONSTRAINT alert_inbox_state_check
    CHECK (state IN ('pending', 'dispatched', 'unmatched', 'suppressed', 'cooldown', 'ignored',
                     'failed', 'limited', 'disabled', 'tripped', 'superseded', 'stale'));

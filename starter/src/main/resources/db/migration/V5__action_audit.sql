-- The audit trail of human and system actions on the engine: who (principal), through which
-- channel (ui, api, cli, alert, schedule, temporal), from which address, did what, to which
-- runbook, run or target, and what came of it (accepted, or refused with a reason and the HTTP
-- status). Rows are only ever added: the triggers below refuse UPDATE, DELETE and TRUNCATE, so
-- the trail is append-only even to the application.
CREATE TABLE action_audit (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    principal   TEXT        NOT NULL,
    channel     TEXT        NOT NULL,
    address     TEXT,
    action      TEXT        NOT NULL,
    runbook     TEXT,
    workflow_id TEXT,
    target      TEXT,
    result      TEXT        NOT NULL CHECK (result IN ('accepted', 'refused')),
    reason      TEXT,
    status      INTEGER,
    details     JSONB       NOT NULL DEFAULT '{}'
);

CREATE INDEX action_audit_runbook ON action_audit (runbook, id);
CREATE INDEX action_audit_principal ON action_audit (principal, id);
CREATE INDEX action_audit_workflow ON action_audit (workflow_id, id);

CREATE FUNCTION action_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'action_audit is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER action_audit_no_update_or_delete
    BEFORE UPDATE OR DELETE ON action_audit
    FOR EACH ROW EXECUTE FUNCTION action_audit_append_only();

CREATE TRIGGER action_audit_no_truncate
    BEFORE TRUNCATE ON action_audit
    FOR EACH STATEMENT EXECUTE FUNCTION action_audit_append_only();

-- Maintenance windows are never deleted: DELETE /api/maintenance-windows/{id} marks the window
-- deleted (when and by whom), the dispatcher no longer matches it, and its history stays.
ALTER TABLE maintenance_windows
    ADD COLUMN deleted_at TIMESTAMPTZ,
    ADD COLUMN deleted_by TEXT;

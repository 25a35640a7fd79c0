-- The notification context (receiver, group labels, common labels and annotations, ...) is stored
-- once per accepted delivery, not copied into every alert row. Rows stored before keep their own
-- context column; rows stored after have '{}' there and point at their notification.
CREATE TABLE alert_notifications (
    id          BIGSERIAL PRIMARY KEY,
    source      TEXT        NOT NULL,
    delivery_id TEXT,
    received_at TIMESTAMPTZ NOT NULL,
    alerts      INTEGER     NOT NULL,
    context     JSONB       NOT NULL DEFAULT '{}'
);

CREATE INDEX alert_notifications_received ON alert_notifications (received_at);

ALTER TABLE alert_inbox
    ADD COLUMN notification_id BIGINT REFERENCES alert_notifications (id) ON DELETE SET NULL;

CREATE INDEX alert_inbox_notification ON alert_inbox (notification_id);

-- The retention purge deletes by age.
CREATE INDEX alert_inbox_received ON alert_inbox (received_at);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

package dev.runbooks.starter.intake.internal;

import dev.runbooks.starter.inbox.internal.InboundAlert;
import java.util.List;
import java.util.Map;

/** The alerts of one webhook request, and the notification's own fields (receiver, group...). */
record Notification(List<InboundAlert> alerts, Map<String, Object> context) {}

package dev.runbooks.workflows;

import java.util.Map;

/**
 * An entry for the audit trail that workflow code decides on, such as an approval decision. The key
 * makes it unique within its step, so a retried recording keeps one entry.
 */
public record AuditRecord(
    String workflowId,
    String runbook,
    String stepId,
    String action,
    String target,
    String outcome,
    String key,
    Map<String, Object> details) {}

package dev.runbooks.starter.internal;

import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links between a run and its retries, both ways: {@code retryOf} from the run's own {@code
 * retryOf} event (a seeded run records it at its start, a reset run when the API signals it), and
 * {@code retriedBy} from the audit trail's accepted {@code retry} rows of the run's workflow id.
 */
final class RetryLinks {
  private static final Logger log = LoggerFactory.getLogger(RetryLinks.class);

  private RetryLinks() {}

  /**
   * Adds the links of a run as the API shows it ({@link RunOperations#get}): {@code retryOf} (from
   * the run's own {@code retryOf} event) and {@code retriedBy} (the accepted retries of its
   * workflow id the audit trail holds, but the execution shown).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> add(Map<String, Object> run, ActionAudit audit) {
    Object state = run.get("report") instanceof Map<?, ?> r ? r : run.get("status");
    if (state instanceof Map<?, ?> s && s.get("events") instanceof List<?> events) {
      for (Object e : events) {
        if (e instanceof Map<?, ?> m && "retryOf".equals(m.get("event"))) {
          Map<String, Object> of = new LinkedHashMap<>((Map<String, Object>) m);
          of.remove("event");
          of.remove("reused");
          run.put("retryOf", of);
        }
      }
    }
    String workflowId = String.valueOf(run.get("workflowId"));
    List<Map<String, Object>> by = new java.util.ArrayList<>();
    try {
      for (Map<String, Object> row : audit.find(null, null, AuditAction.RETRY, workflowId, 100)) {
        if (!"accepted".equals(row.get("result"))
            || !(row.get("details") instanceof Map<?, ?> d)
            || d.get("newWorkflowId") == null
            || java.util.Objects.equals(d.get("newRunId"), run.get("runId"))) {
          continue;
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("workflowId", d.get("newWorkflowId"));
        link.put("runId", d.get("newRunId"));
        link.put("how", d.get("how"));
        link.put("from", d.get("from"));
        link.put("by", row.get("principal"));
        link.put("at", row.get("at"));
        by.add(link);
      }
    } catch (RuntimeException e) {
      log.warn("cannot read the retries of {}", workflowId, e);
    }
    if (!by.isEmpty()) {
      run.put("retriedBy", by);
    }
    return run;
  }
}

package dev.runbooks.starter.ui.internal;

import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the run list is filtered by: runbook (the workflow type), outcome and service (search
 * attributes). Blank means any. Values are checked against what they can be before they go into a
 * visibility query, so a filter can never change the query's meaning.
 *
 * @param runbook a runbook name, or null
 * @param outcome running, resolved, escalated, failed or aborted, or null
 * @param service a service name (letters, digits and {@code . _ : / @ -}), or null
 */
record RunFilter(String runbook, String outcome, String service) {
  /** The values the {@code Outcome} search attribute takes. */
  static final List<String> OUTCOMES = outcomes();

  private static final Pattern RUNBOOK = Pattern.compile("[a-z][a-z0-9-]{1,62}");
  private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9._:/@-]{1,200}");

  RunFilter {
    runbook = blankToNull(runbook);
    outcome = blankToNull(outcome);
    service = blankToNull(service);
  }

  /** No filter: every run. */
  static RunFilter none() {
    return new RunFilter(null, null, null);
  }

  /** What is wrong with the values; empty when the filter can be used. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (runbook != null && !RUNBOOK.matcher(runbook).matches()) {
      problems.add("not a runbook name: '" + runbook + "'");
    }
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      problems.add("outcome must be one of " + String.join(", ", OUTCOMES) + ": '" + outcome + "'");
    }
    if (service != null && !SERVICE.matcher(service).matches()) {
      problems.add(
          "not a service name (letters, digits and . _ : / @ -, at most 200): '" + service + "'");
    }
    return problems;
  }

  /** The visibility query selecting the runs; only call it when {@link #problems()} is empty. */
  String query() {
    StringBuilder query = new StringBuilder("TaskQueue='" + RunbookWorkflow.TASK_QUEUE + "'");
    if (runbook != null) {
      query.append(" AND WorkflowType='").append(runbook).append('\'');
    }
    if (outcome != null) {
      query.append(" AND ").append(RunbookSearchAttributes.OUTCOME.getName());
      query.append("='").append(outcome).append('\'');
    }
    if (service != null) {
      query.append(" AND ").append(RunbookSearchAttributes.SERVICE.getName());
      query.append("='").append(service).append('\'');
    }
    return query.toString();
  }

  /** The filter as the query string of {@code /ui/runs}, empty for no filter. */
  String queryString() {
    StringBuilder q = new StringBuilder();
    append(q, "runbook", runbook);
    append(q, "outcome", outcome);
    append(q, "service", service);
    return q.toString();
  }

  private static void append(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(Html.encode(value));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static List<String> outcomes() {
    List<String> all = new ArrayList<>();
    all.add("running");
    all.addAll(RunbookWorkflow.OUTCOMES);
    return List.copyOf(all);
  }
}

package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import dev.runbooks.cli.internal.Expiry;
import dev.runbooks.cli.internal.Table;
import dev.runbooks.language.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lists the newest runs, filtered by runbook, outcome, service and start time: it pages through
 * {@code GET /api/runs} (its {@code nextPageToken}) until it has {@code --limit} runs or there are
 * no more.
 */
@Command(name = "runs", description = "List the newest runs (filtered; paged through the API).")
final class RunsCommand extends ApiCommand {
  /** The most runs the API answers in one page. */
  static final int PAGE = 500;

  @Option(names = "--runbook", paramLabel = "NAME", description = "Only runs of this runbook.")
  String runbook;

  @Option(
      names = "--outcome",
      paramLabel = "OUTCOME",
      description =
          "Only runs with this outcome: running, resolved, escalated, failed, aborted, guarded,"
              + " skipped or resolved-externally.")
  String outcome;

  @Option(
      names = "--service",
      paramLabel = "SERVICE",
      description = "Only runs for this service (the alert's service label, else the runbook's).")
  String service;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only runs started at or after: an ISO time, a date, or a duration ago (2h, 7d).")
  String since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "How many runs at most, in all (default ${DEFAULT-VALUE}).")
  int limit;

  private final List<Object> runs = new ArrayList<>();
  private Object nextPageToken;

  @Override
  int call(ApiClient api) {
    if (limit <= 0) {
      throw usage("--limit must be a positive number, not " + limit);
    }
    String query = query();
    String token = null;
    do {
      int page = Math.min(PAGE, limit - runs.size());
      String path = "/api/runs?limit=" + page + query;
      if (token != null) {
        path += "&pageToken=" + ApiClient.queryOf(token);
      }
      Map<String, Object> answer = api.get(path);
      if (answer.get("runs") instanceof List<?> list) {
        list.stream().limit(limit - runs.size()).forEach(runs::add);
      }
      nextPageToken = answer.get("nextPageToken");
      token = nextPageToken instanceof String s && !s.isEmpty() ? s : null;
    } while (token != null && runs.size() < limit);
    Table table = new Table("WORKFLOW ID", "RUNBOOK", "STATUS", "OUTCOME", "STARTED", "CLOSED");
    for (Object item : runs) {
      if (item instanceof Map<?, ?> run) {
        Object outcomeOf =
            run.get("searchAttributes") instanceof Map<?, ?> attributes
                ? attributes.get("Outcome")
                : null;
        table.row(
            run.get("workflowId"),
            run.get("runbook"),
            run.get("executionStatus"),
            outcomeOf,
            run.get("startTime"),
            run.get("closeTime"));
      }
    }
    table.print(out());
    return ExitCodes.OK;
  }

  @Override
  Object json(ApiClient api) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runs", runs);
    answer.put("count", runs.size());
    answer.put("nextPageToken", nextPageToken);
    return answer;
  }

  private String query() {
    StringBuilder query = new StringBuilder();
    add(query, "runbook", runbook);
    add(query, "outcome", outcome);
    add(query, "service", service);
    if (since != null) {
      String text = since.strip();
      Instant now = Instant.now();
      try {
        Instant at =
            Durations.isValid(text)
                ? now.minus(Durations.parse(text))
                : Expiry.parseAny("--since", text, now);
        add(query, "since", at.toString());
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    return query.toString();
  }

  private static void add(StringBuilder query, String name, String value) {
    if (value != null && !value.isBlank()) {
      query.append('&').append(name).append('=').append(ApiClient.queryOf(value.strip()));
    }
  }
}

package dev.runbooks.starter.internal;

import dev.runbooks.workflows.RunbookWorkflow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters of {@code GET /api/runs}, checked, and the Temporal visibility query they make. Every
 * value is checked against a strict pattern or parsed before it enters the query, so no request
 * text reaches the query unchecked.
 *
 * @param runbook only runs of this runbook (the workflow type), or null
 * @param outcome only runs with this {@code Outcome} search attribute, or null
 * @param service only runs with this {@code Service} search attribute, or null
 * @param since only runs started at or after this instant, or null
 */
public record RunsQuery(String runbook, String outcome, String service, Instant since) {
  /** The most runs one page holds; a larger {@code limit} is capped to it. */
  public static final int MAX_LIMIT = 500;

  private static final String NAME = "^[a-z][a-z0-9-]{1,62}$";
  private static final String SERVICE = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$";

  /** The outcomes {@code outcome} accepts: {@code running} and a run report's outcomes. */
  public static final List<String> OUTCOMES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("running"), RunbookWorkflow.OUTCOMES.stream())
          .toList();

  /**
   * The filters of a request's parameters (null or blank: no filter).
   *
   * @throws ApiException 400 naming the parameter when a value is not acceptable
   */
  public static RunsQuery of(String runbook, String outcome, String service, String since) {
    String name = blankToNull(runbook);
    if (name != null && !name.matches(NAME)) {
      throw ApiException.badRequest("not a runbook name: " + quoted(runbook));
    }
    String wanted = blankToNull(outcome);
    if (wanted != null && !OUTCOMES.contains(wanted)) {
      throw ApiException.badRequest(
          "not an outcome: " + quoted(outcome) + "; use one of " + OUTCOMES);
    }
    String svc = blankToNull(service);
    if (svc != null && !svc.matches(SERVICE)) {
      throw ApiException.badRequest("not a service name: " + quoted(service));
    }
    Instant from = null;
    if (blankToNull(since) != null) {
      try {
        from = Instant.parse(since.strip());
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "not an instant: since="
                + quoted(since)
                + "; use ISO-8601 UTC, such as 2026-12-01T00:00:00Z");
      }
    }
    return new RunsQuery(name, wanted, svc, from);
  }

  /** The visibility query: the runbook's runs (else the runbook task queue's), and the filters. */
  public String visibility(String taskQueue) {
    StringBuilder query =
        new StringBuilder(
            runbook == null ? "TaskQueue='" + taskQueue + "'" : "WorkflowType='" + runbook + "'");
    if (outcome != null) {
      query.append(" AND Outcome='").append(outcome).append('\'');
    }
    if (service != null) {
      query.append(" AND Service='").append(service).append('\'');
    }
    if (since != null) {
      query.append(" AND StartTime>='").append(since).append('\'');
    }
    return query.toString();
  }

  /**
   * The page size for a requested {@code limit}: the default when none, at most {@value
   * #MAX_LIMIT}.
   *
   * @throws ApiException 400 when the limit is below 1
   */
  public static int limit(Integer requested, int byDefault) {
    if (requested == null) {
      return Math.min(byDefault, MAX_LIMIT);
    }
    if (requested < 1) {
      throw ApiException.badRequest("limit must be at least 1, not " + requested);
    }
    return Math.min(requested, MAX_LIMIT);
  }

  /** Temporal's next page token as the API's opaque {@code pageToken} (URL-safe base64). */
  public static String encodeToken(byte[] token) {
    return token == null || token.length == 0
        ? null
        : Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * The Temporal page token a {@code pageToken} carries; empty for none.
   *
   * @throws ApiException 400 when the text is not a token this API gave
   */
  public static byte[] decodeToken(String pageToken) {
    if (pageToken == null || pageToken.isBlank()) {
      return new byte[0];
    }
    try {
      return Base64.getUrlDecoder().decode(pageToken.strip().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("not a page token: use the nextPageToken of the last page");
    }
  }

  /**
   * The body of a page: {@code runs} and {@code count} as before paging, and {@code nextPageToken}
   * (null on the last page).
   */
  public static Map<String, Object> body(List<Map<String, Object>> runs, String nextPageToken) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", runs);
    body.put("count", runs.size());
    body.put("nextPageToken", nextPageToken);
    return body;
  }

  /** A refused value as the answer quotes it: control characters replaced, at most 80 long. */
  private static String quoted(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return "'" + (clean.length() > 80 ? clean.substring(0, 80) + "…" : clean) + "'";
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}

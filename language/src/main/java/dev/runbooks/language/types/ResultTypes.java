package dev.runbooks.language.types;

import static dev.runbooks.language.types.ValueType.BOOL;
import static dev.runbooks.language.types.ValueType.DOUBLE;
import static dev.runbooks.language.types.ValueType.INT;
import static dev.runbooks.language.types.ValueType.STRING;
import static dev.runbooks.language.types.ValueType.field;
import static dev.runbooks.language.types.ValueType.listOf;
import static dev.runbooks.language.types.ValueType.optional;

/**
 * The result types of every step kind, in one place: the action kinds' {@code resultType} return
 * these, the compiler checks expressions against them and the language reference documents them (a
 * test compares the reference's tables with them). Each type follows what the kind's executor (or,
 * for control steps, the interpreter) returns. The results of {@code circuitBreaker}, {@code dlq},
 * {@code restart} and {@code escalate} depend on the action and are open: fields not listed are
 * read as any value.
 */
public final class ResultTypes {
  private ResultTypes() {}

  /** The error a failed step records, and the {@code error} a handler sees. */
  public static final ValueType ERROR =
      ValueType.object(
          "type", field(STRING, "The error type, such as `HttpStatus` or `ApprovalRejected`."),
          "message", field(STRING, "What went wrong, in words."),
          "details", optional(ValueType.ANY, "Structured details, when the error has any."));

  private static final ValueType STRING_MAP = new ValueType.MapOf(STRING);

  /** The result of {@code http}. */
  public static final ValueType HTTP =
      ValueType.object(
          "status", field(INT, "The HTTP status code."),
          "headers", field(STRING_MAP, "The response headers (lower-case names)."),
          "body", field(ValueType.ANY, "The body: parsed JSON when it is JSON, else the text."),
          "bodyTruncated", field(BOOL, "Whether the body was cut at the size limit."),
          "durationMs", field(INT, "How long the request took, in milliseconds."),
          "url", field(STRING, "The URL requested."),
          "method", field(STRING, "The HTTP method."));

  /** The result of {@code tcp}. */
  public static final ValueType TCP =
      ValueType.object(
          "host", field(STRING, "The host connected to."),
          "port", field(INT, "The port connected to."),
          "connected", field(BOOL, "Always true: a refused connection fails the step."),
          "durationMs", field(INT, "How long connecting took, in milliseconds."));

  /** A certificate of the chain a {@code tls} probe reads. */
  private static final ValueType CERTIFICATE =
      ValueType.object(
          "subject", field(STRING, "The subject's distinguished name."),
          "issuer", field(STRING, "The issuer's distinguished name."),
          "serial", field(STRING, "The serial number in hex."),
          "notBefore", field(STRING, "Valid from (RFC 3339)."),
          "notAfter", field(STRING, "Valid until (RFC 3339)."),
          "daysToExpiry", field(INT, "Whole days until notAfter; negative once expired."));

  /** The result of {@code tls}. */
  public static final ValueType TLS =
      ValueType.object(
          "host", field(STRING, "The host connected to."),
          "port", field(INT, "The port connected to."),
          "serverName", field(STRING, "The name sent as SNI and verified."),
          "protocol", field(STRING, "The negotiated protocol, such as TLSv1.3."),
          "cipherSuite", field(STRING, "The negotiated cipher suite."),
          "subject", field(STRING, "The leaf certificate's subject."),
          "issuer", field(STRING, "The leaf certificate's issuer."),
          "notAfter", field(STRING, "When the leaf certificate expires (RFC 3339)."),
          "daysToExpiry", field(INT, "Whole days until the leaf expires; negative once expired."),
          "expired", field(BOOL, "Whether the leaf certificate has expired."),
          "names", field(listOf(STRING), "The leaf's DNS and IP subject alternative names."),
          "hostnameMatches", field(BOOL, "Whether the leaf is valid for serverName."),
          "trusted", field(BOOL, "Whether the worker's trust store trusts the chain."),
          "trustError", optional(STRING, "Why the chain is not trusted; null when it is."),
          "chain", field(listOf(CERTIFICATE), "Every certificate presented, leaf first."),
          "durationMs", field(INT, "How long connecting and the handshake took."));

  /** The result of {@code command}. */
  public static final ValueType COMMAND =
      ValueType.object(
          "exitCode", field(INT, "The exit code of the process."),
          "stdout", field(STRING, "Standard output (up to the capture limit)."),
          "stderr", field(STRING, "Standard error (up to the capture limit)."),
          "stdoutTruncated", field(BOOL, "Whether standard output was cut."),
          "stderrTruncated", field(BOOL, "Whether standard error was cut."),
          "stdoutBytes", optional(INT, "The full size of standard output, when it was cut."),
          "stderrBytes", optional(INT, "The full size of standard error, when it was cut."),
          "json", field(ValueType.ANY, "Standard output parsed as JSON, or null."),
          "jsonOmitted", optional(STRING, "Why standard output was not parsed as JSON."),
          "durationMs", field(INT, "How long the process ran, in milliseconds."),
          "argv", field(listOf(STRING), "The command line run."));

  /** One sample of a {@code prometheus} result. */
  public static final ValueType PROMETHEUS_SAMPLE =
      open(
          "metric", optional(STRING_MAP, "The sample's labels."),
          "value", optional(DOUBLE, "The value (instant vectors and scalars)."),
          "valueText", optional(STRING, "The value as Prometheus wrote it."),
          "timestamp", optional(DOUBLE, "The sample time, in Unix seconds."),
          "values", optional(listOf(ValueType.ANY), "The values of a range vector."));

  /** The result of {@code prometheus}. */
  public static final ValueType PROMETHEUS =
      ValueType.object(
          "query", field(STRING, "The query as sent."),
          "resultType", field(STRING, "`vector`, `matrix`, `scalar` or `string`."),
          "samples", field(listOf(PROMETHEUS_SAMPLE), "The samples."),
          "value", optional(DOUBLE, "The first sample's value, or null when there is none."),
          "count", field(INT, "How many samples there are."),
          "evidence", field(ValueType.ANY, "The URL, query, time and duration of the request."));

  /** The result of {@code sql}. */
  public static final ValueType SQL =
      ValueType.object(
          "rows", field(listOf(new ValueType.MapOf(ValueType.ANY)), "The rows, by column name."),
          "rowCount", field(INT, "How many rows were returned."),
          "truncated", field(BOOL, "Whether rows were cut at `maxRows`."),
          "columns", field(listOf(STRING), "The column names."),
          "evidence", field(ValueType.ANY, "The datasource, query and duration."));

  /** The result of {@code circuitBreaker} (list, reset or verify). */
  public static final ValueType CIRCUIT_BREAKER =
      open(
          "circuits",
              optional(listOf(ValueType.ANY), "list: every breaker (name, state, failures)."),
          "open", optional(listOf(STRING), "list: the names of the open breakers."),
          "openCount", optional(INT, "list: how many breakers are open."),
          "name", optional(STRING, "reset, verify: the breaker."),
          "before", optional(ValueType.ANY, "reset: the state before."),
          "after", optional(ValueType.ANY, "reset: the state after."),
          "reset", optional(BOOL, "reset: true."),
          "changed", optional(BOOL, "reset: whether the state changed."),
          "state", optional(STRING, "verify: the state seen last."),
          "expectState", optional(STRING, "verify: the state expected."),
          "stable", optional(BOOL, "verify: whether the state stayed as expected."),
          "reopened", optional(BOOL, "verify: whether the breaker opened again."),
          "checks", optional(INT, "verify: how many checks were made."),
          "watchedMs", optional(INT, "verify: how long it was watched, in milliseconds."));

  /** The result of {@code dlq} (inspect, resolve or retry). */
  public static final ValueType DLQ =
      open(
          "action", field(STRING, "The action: `inspect`, `resolve`, `retry`, ..."),
          "table", field(STRING, "The dead-letter table."),
          "groups", optional(listOf(ValueType.ANY), "inspect: counts by reason and status."),
          "byStatus", optional(new ValueType.MapOf(INT), "inspect: counts by status."),
          "byReason", optional(new ValueType.MapOf(INT), "inspect: counts by reason."),
          "total", optional(INT, "inspect: how many entries match."),
          "pending", optional(INT, "inspect: how many are pending."),
          "status", optional(STRING, "resolve: the status set."),
          "changed", optional(INT, "resolve: how many entries changed."),
          "note", optional(STRING, "resolve: the note written."),
          "target", optional(STRING, "retry: where entries were re-sent."),
          "attempted", optional(INT, "retry: how many were attempted."),
          "retried", optional(INT, "retry: how many were re-sent."),
          "failed", optional(INT, "retry: how many failed."),
          "items", optional(listOf(ValueType.ANY), "retry: each entry's outcome."),
          "resumed", optional(BOOL, "Whether the work resumed after a retry."),
          "stoppedBy", optional(STRING, "What stopped it early (`maxItems`), or null."),
          "evidence", field(ValueType.ANY, "The datasource, table, pattern and duration."));

  /** The result of {@code restart}. */
  public static final ValueType RESTART =
      open(
          "target", field(STRING, "The target restarted."),
          "via", field(STRING, "How it was restarted."),
          "startedAt", optional(STRING, "When the target last started, if known."),
          "notBefore", optional(STRING, "The `notBefore` time, if any."),
          "restarted", field(BOOL, "Whether this step restarted it."),
          "skipped", optional(STRING, "Why it was not restarted, or null."),
          "restartsInWindow", field(INT, "Restarts of the target within the loop guard's window."),
          "active", optional(ValueType.ANY, "The unit's state after the restart."),
          "health", optional(ValueType.ANY, "The health check after the restart."));

  /** The result of {@code escalate}. */
  public static final ValueType ESCALATE =
      open(
          "route", field(STRING, "The route delivered to."),
          "routeName", optional(STRING, "The named route, if one was used."),
          "action", field(STRING, "`trigger`, `acknowledge` or `resolve`."),
          "delivered", field(BOOL, "Whether it was delivered."),
          "status", optional(INT, "The receiver's HTTP status."),
          "dedupKey", optional(STRING, "The deduplication key."),
          "attempt", field(INT, "The attempt that delivered it."),
          "endpoint", optional(STRING, "Where it went, as shown."),
          "duplicateSuppressed", field(BOOL, "Whether a duplicate was suppressed."));

  /** The result of {@code approval}. */
  public static final ValueType APPROVAL =
      ValueType.object(
          "approved", field(BOOL, "Whether it was approved (or `onTimeout: approve` applied)."),
          "approver", field(STRING, "Who decided (`timeout` when nobody did)."),
          "approvers", optional(listOf(STRING), "Everyone who approved, when several must."),
          "comment", optional(STRING, "The decider's comment."),
          "decidedAt", field(STRING, "When it was decided (RFC 3339)."),
          "timedOut", field(BOOL, "Whether the deadline passed without a decision."),
          "channel", optional(STRING, "The channel the decision came through."),
          "verified", optional(BOOL, "Whether the channel verified the decider."),
          "prompt", field(STRING, "The prompt as shown."));

  /** The result of {@code call}: the called run's report (or its ids without {@code await}). */
  public static final ValueType CALL =
      open(
          "outcome", optional(STRING, "The called run's outcome (`resolved`, ...)."),
          "message", optional(STRING, "The called run's closing message."),
          "workflowId", optional(STRING, "The called run's workflow id (without `await`)."),
          "runId", optional(STRING, "The called run's run id (without `await`)."));

  /** The result of {@code parallel}. */
  public static final ValueType PARALLEL =
      ValueType.object(
          "join", field(STRING, "The join as written (`all`, `any`, a number)."),
          "succeeded", field(INT, "How many branches succeeded."),
          "branches", field(STRING_MAP, "Each branch's status, by branch name."));

  /** The result of {@code foreach} whose items have this type. */
  public static ValueType foreach(ValueType item) {
    ValueType entry =
        ValueType.object(
            "index", field(INT, "The item's index."),
            "item", field(item, "The item."),
            "status", field(STRING, "The iteration's status."),
            "outputs", field(new ValueType.MapOf(ValueType.ANY), "Each step's outputs, by id."));
    return ValueType.object(
        "count", field(INT, "How many items there were."),
        "items", field(listOf(entry), "One entry per item, in order."));
  }

  /** The result of {@code waitUntil} whose probe's result has this type. */
  public static ValueType waitUntil(ValueType probe) {
    return ValueType.object(
        "met", field(BOOL, "Whether the condition held."),
        "alertResolved", field(BOOL, "Whether a resolved alert ended the wait."),
        "timedOut", field(BOOL, "Whether the deadline passed (`onTimeout: continue`)."),
        "probes", field(INT, "How many probes ran."),
        "waitedMs", field(INT, "How long it waited, in milliseconds."),
        "last", field(probe, "The last probe's result."),
        "lastError", optional(ERROR, "The last probe's error, when it failed."));
  }

  /** The {@code alert} variable. */
  public static final ValueType ALERT =
      open(
          "labels", optional(STRING_MAP, "The alert's labels."),
          "annotations", optional(STRING_MAP, "The alert's annotations."),
          "status", optional(STRING, "`firing` or `resolved`."),
          "startsAt", optional(STRING, "When it started (RFC 3339)."),
          "endsAt", optional(STRING, "When it ended (RFC 3339)."),
          "fingerprint", optional(STRING, "Alertmanager's fingerprint."),
          "generatorURL", optional(STRING, "The link to its source."));

  /** The {@code run} variable. */
  public static final ValueType RUN =
      open(
          "id", field(STRING, "The workflow id."),
          "runId", field(STRING, "The Temporal run id."),
          "runbook", field(STRING, "The runbook's name."),
          "version", field(STRING, "The runbook's version."),
          "startedAt", field(STRING, "When the run started (RFC 3339)."),
          "dryRun", field(BOOL, "Whether this is a dry run."),
          "outcome", optional(STRING, "In finally steps: the run's outcome so far."),
          "failed", optional(BOOL, "In finally steps: whether the run failed so far."),
          "failedStep", optional(STRING, "In finally steps: the step that failed, if one did."),
          "message", optional(STRING, "In finally steps: the run's message so far."));

  private static ValueType open(Object... namesAndFields) {
    return new ValueType.ObjectOf(ValueType.object(namesAndFields).fields(), true);
  }
}

package dev.runbooks.activities;

import dev.runbooks.activities.internal.InMemoryRestartLedger;
import dev.runbooks.language.targets.TargetPolicy;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything the step executors of a worker may use: the one argument they are built from (see
 * {@link ActionActivities#ActionActivities(StepEnvironment)}). The worker builds it from its
 * configuration; tests start from {@link #defaults()} and change what they need with the {@code
 * with} methods.
 *
 * <p>No HTTP client is part of it: every executor that calls HTTP resolves and checks each host
 * with the step's {@link Destinations} and connects to the checked address itself.
 *
 * @param datasources the named datasources of {@code sql} and {@code dlq} steps
 * @param audit where {@code http} (changing methods), {@code dlq}, {@code restart}, {@code
 *     circuitBreaker} and {@code escalate} record what they changed
 * @param ledger the restarts done and the targets quarantined, for {@code restart}
 * @param routes the named escalation routes of {@code escalate} steps ({@code runbook.routes})
 * @param apiUrl the API's public base URL, which the approve and reject links of approval
 *     notifications point at ({@code runbook.api.public-url}); an absolute http(s) URL
 * @param environment the worker's environment variables, which {@code env:NAME} references in step
 *     configs and routes (a routing key, a webhook URL) name
 * @param secrets where the values of {@code ${{ secrets.NAME }}} references come from
 * @param targets the worker's destination lists ({@code runbook.targets.allow} / {@code deny}),
 *     joined with each runbook's own {@code targets:}
 */
public record StepEnvironment(
    Datasources datasources,
    AuditLog audit,
    RestartLedger ledger,
    EscalationRoutes routes,
    String apiUrl,
    UnaryOperator<String> environment,
    Secrets secrets,
    TargetPolicy targets) {

  /** The API's public base URL when the worker configures none ({@code runbook.api.public-url}). */
  public static final String DEFAULT_API_URL = "http://localhost:8080";

  public StepEnvironment {
    Objects.requireNonNull(datasources, "datasources");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(targets, "targets");
  }

  /**
   * An environment without datasources, audit or routes, with a restart ledger in memory, the
   * default API URL, the process environment, secrets from it ({@link Secrets#fromEnvironment()})
   * and the default destination lists.
   */
  public static StepEnvironment defaults() {
    return new StepEnvironment(
        Datasources.none(),
        AuditLog.none(),
        new InMemoryRestartLedger(),
        EscalationRoutes.none(),
        DEFAULT_API_URL,
        System::getenv,
        Secrets.fromEnvironment(),
        TargetPolicy.defaults());
  }

  /** The same environment with other datasources. */
  public StepEnvironment withDatasources(Datasources other) {
    return new StepEnvironment(other, audit, ledger, routes, apiUrl, environment, secrets, targets);
  }

  /** The same environment with another audit log. */
  public StepEnvironment withAudit(AuditLog other) {
    return new StepEnvironment(
        datasources, other, ledger, routes, apiUrl, environment, secrets, targets);
  }

  /** The same environment with another restart ledger. */
  public StepEnvironment withLedger(RestartLedger other) {
    return new StepEnvironment(
        datasources, audit, other, routes, apiUrl, environment, secrets, targets);
  }

  /** The same environment with other escalation routes. */
  public StepEnvironment withRoutes(EscalationRoutes other) {
    return new StepEnvironment(
        datasources, audit, ledger, other, apiUrl, environment, secrets, targets);
  }

  /** The same environment with another public API URL. */
  public StepEnvironment withApiUrl(String other) {
    return new StepEnvironment(
        datasources, audit, ledger, routes, other, environment, secrets, targets);
  }

  /** The same environment with other environment variables (a lookup by name). */
  public StepEnvironment withEnvironment(UnaryOperator<String> other) {
    return new StepEnvironment(datasources, audit, ledger, routes, apiUrl, other, secrets, targets);
  }

  /** The same environment with other secrets. */
  public StepEnvironment withSecrets(Secrets other) {
    return new StepEnvironment(
        datasources, audit, ledger, routes, apiUrl, environment, other, targets);
  }

  /** The same environment with other destination lists. */
  public StepEnvironment withTargets(TargetPolicy other) {
    return new StepEnvironment(
        datasources, audit, ledger, routes, apiUrl, environment, secrets, other);
  }
}

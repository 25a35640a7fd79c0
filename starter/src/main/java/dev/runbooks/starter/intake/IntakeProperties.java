package dev.runbooks.starter.intake;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the alert intake ({@code runbook.intake.*}): webhook sources and their
 * authentication, the size limit of a notification, the dispatcher, and maintenance windows.
 *
 * @param enabled whether the webhooks, the inbox API and the dispatcher are on (they also need a
 *     {@code DataSource})
 * @param maxBodySize the largest notification body accepted; larger ones are answered 413
 * @param signatureTolerance how far a signed webhook's timestamp may be from now
 * @param sources the sources by name: {@code alertmanager}, {@code grafana} and each generic source
 * @param defaultRunbook the runbook an alert that no trigger matches starts, or none when blank
 * @param dispatcher how the dispatcher polls the inbox and backs off
 * @param maintenanceWindows windows from configuration (more can be added through the API)
 * @param listLimit the default and largest number of alerts {@code GET /api/alerts} returns
 * @param allowUnauthenticated whether a source with no {@code auth} settings accepts requests
 *     without credentials; false by default, so a production deployment must configure each source
 *     it uses ({@code make run} turns it on for local development)
 * @param retention how long inbox rows, notifications and the delivery ids of signed webhooks are
 *     kept; older ones are purged (pending rows stay until they are dispatched or fail)
 * @param purgeInterval how often the retention purge runs
 */
@Validated
@ConfigurationProperties("runbook.intake")
public record IntakeProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("5m") Duration signatureTolerance,
    Map<String, Source> sources,
    String defaultRunbook,
    @DefaultValue Dispatcher dispatcher,
    List<Window> maintenanceWindows,
    @DefaultValue("100") @Min(1) int listLimit,
    @DefaultValue("false") boolean allowUnauthenticated,
    @DefaultValue("30d") Duration retention,
    @DefaultValue("1h") Duration purgeInterval) {

  /** Normalizes absent collections to empty ones. */
  public IntakeProperties {
    sources = sources == null ? Map.of() : Map.copyOf(sources);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
    defaultRunbook = defaultRunbook == null || defaultRunbook.isBlank() ? null : defaultRunbook;
    retention = retention == null ? Duration.ofDays(30) : retention;
    purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
    if (signatureTolerance != null && retention.compareTo(signatureTolerance) <= 0) {
      throw new IllegalArgumentException(
          "runbook.intake.retention ("
              + retention
              + ") must be longer than runbook.intake.signature-tolerance ("
              + signatureTolerance
              + "), or a signed delivery could be replayed after its id was purged");
    }
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("runbook.intake.purge-interval must be positive");
    }
  }

  /**
   * The settings of a source. A source that is not configured is refused (401) unless {@code
   * allowUnauthenticated} is set, in which case it gets no authentication.
   */
  public Source source(String name) {
    Source configured = sources.get(name);
    if (configured != null) {
      return configured;
    }
    return allowUnauthenticated ? Source.NONE : Source.UNCONFIGURED;
  }

  /**
   * One webhook source.
   *
   * @param auth how its requests authenticate
   * @param fields where a generic source's payload holds the alert's fields
   */
  public record Source(@DefaultValue Auth auth, @DefaultValue Fields fields) {
    static final Source NONE = new Source(null, null);
    static final Source UNCONFIGURED =
        new Source(new Auth("unconfigured", null, null, null, null, null, null, null), null);

    /** Fills in defaults for parts left out. */
    public Source {
      auth = auth == null ? new Auth("none", null, null, null, null, null, null, null) : auth;
      fields = fields == null ? Fields.DEFAULT : fields;
    }
  }

  /**
   * The authentication of a source. Secrets come from the property (an environment variable through
   * Spring's relaxed binding or a {@code ${VAR}} placeholder) or from a file; they are never
   * logged, and {@link #toString()} masks them.
   *
   * @param type {@code none}, {@code bearer}, {@code basic} or {@code hmac} (Standard Webhooks)
   * @param token the bearer token
   * @param tokenFile a file holding the bearer token
   * @param username the basic-auth user name
   * @param password the basic-auth password
   * @param passwordFile a file holding the basic-auth password
   * @param secret the Standard Webhooks secret, {@code whsec_<base64>}
   * @param secretFile a file holding the secret
   */
  public record Auth(
      @DefaultValue("none") String type,
      String token,
      Path tokenFile,
      String username,
      String password,
      Path passwordFile,
      String secret,
      Path secretFile) {

    @Override
    public String toString() {
      return "Auth[type=" + type + ", username=" + username + ", secrets masked]";
    }
  }

  /**
   * Where a generic source's JSON holds the alert: dotted paths such as {@code alert.labels} or
   * {@code items.0.name}; {@code alerts} names an array to fan out (each path is then relative to
   * one element), blank for one alert per request.
   *
   * @param alerts the array of alerts, or blank
   * @param name the alert name (required in the payload)
   * @param labels an object of string labels
   * @param annotations an object of string annotations
   * @param fingerprint the identity of the alert; without it one is derived from name and labels
   * @param status the status; values in {@code resolvedValues} mean resolved, others firing
   * @param severity the severity; without it the {@code severity} label
   * @param startsAt when the alert started
   * @param endsAt when it ended
   * @param generatorUrl a link to where the alert came from
   * @param resolvedValues the status values that mean resolved (compared ignoring case)
   */
  public record Fields(
      String alerts,
      @DefaultValue("name") String name,
      @DefaultValue("labels") String labels,
      @DefaultValue("annotations") String annotations,
      @DefaultValue("fingerprint") String fingerprint,
      @DefaultValue("status") String status,
      @DefaultValue("severity") String severity,
      @DefaultValue("startsAt") String startsAt,
      @DefaultValue("endsAt") String endsAt,
      @DefaultValue("generatorURL") String generatorUrl,
      @DefaultValue({"resolved", "ok", "closed", "inactive", "normal"})
          List<String> resolvedValues) {
    static final Fields DEFAULT =
        new Fields(
            null,
            "name",
            "labels",
            "annotations",
            "fingerprint",
            "status",
            "severity",
            "startsAt",
            "endsAt",
            "generatorURL",
            List.of("resolved", "ok", "closed", "inactive", "normal"));
  }

  /**
   * How the dispatcher works through the inbox.
   *
   * @param enabled whether this process dispatches
   * @param batchSize how many pending alerts one pass takes
   * @param interval the pause between passes when the inbox is empty
   * @param initialBackoff the first pause after Temporal could not be reached
   * @param maxBackoff the longest pause while Temporal stays unreachable
   * @param maxAttempts after how many failed attempts an alert that keeps failing for reasons other
   *     than an unreachable Temporal is marked failed
   */
  public record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("200") int batchSize,
      @DefaultValue("250ms") Duration interval,
      @DefaultValue("500ms") Duration initialBackoff,
      @DefaultValue("15s") Duration maxBackoff,
      @DefaultValue("10") int maxAttempts) {}

  /**
   * A maintenance window from configuration.
   *
   * @param id a stable id (the API's windows get generated ones)
   * @param matchers every one must match the alert's labels ({@code alertname} is the alert name)
   * @param startsAt when it starts
   * @param endsAt when it ends
   * @param comment why
   */
  public record Window(
      String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String comment) {}

  /**
   * A label matcher as in Alertmanager silences.
   *
   * @param name the label
   * @param value the value, or a regular expression matching the whole value
   * @param isRegex whether {@code value} is a regular expression
   * @param isEqual whether the label must match ({@code true}) or must not
   */
  public record Matcher(String name, String value, Boolean isRegex, Boolean isEqual) {
    /** An equality matcher unless said otherwise. */
    public Matcher {
      value = value == null ? "" : value;
      isRegex = isRegex != null && isRegex;
      isEqual = isEqual == null || isEqual;
    }
  }
}

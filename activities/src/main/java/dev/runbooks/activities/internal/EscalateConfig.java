package dev.runbooks.activities.internal;

import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.language.model.RouteType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The config of an {@code escalate} step. Secrets are kept as references; the executor resolves
 * them.
 *
 * @param route the type of the route
 * @param routeName the name of the configured route the step named, or null when the step used a
 *     type with its own url
 * @param url the endpoint as written, or null when it is a secret reference
 * @param urlRef the secret reference of the endpoint, or null
 * @param routingKeyRef the secret reference of the PagerDuty routing key, or null
 * @param severity critical, error, warning or info
 * @param summary one line saying what is wrong
 * @param details anything else, as JSON values
 * @param action trigger or resolve
 * @param dedupKey names the escalation; the workflow id by default
 * @param source PagerDuty's payload.source
 * @param links {@code {href, text}} maps
 * @param timeout per request
 * @param approvalFor the approval step this message asks people to decide, or null; set by the
 *     workflow (an approval's {@code notify}), never by runbooks: the message then carries approve
 *     and reject links to the API
 */
record EscalateConfig(
    RouteType route,
    String routeName,
    String url,
    String urlRef,
    String routingKeyRef,
    String severity,
    String summary,
    Map<String, Object> details,
    String action,
    String dedupKey,
    String source,
    List<Map<String, String>> links,
    Duration timeout,
    String approvalFor) {
  static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> FIELDS =
      Set.of(
          "route",
          "url",
          "routingKey",
          "severity",
          "summary",
          "details",
          "action",
          "dedupKey",
          "source",
          "links",
          "timeout",
          "autoResolve",
          "ladder",
          "giveUpAfter",
          "approvalFor");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /**
   * Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field.
   *
   * @param runbook the runbook's name, the default source
   * @param workflowId the run's workflow id, the default dedup key
   */
  static EscalateConfig bind(Map<String, Object> config, String runbook, String workflowId) {
    return bind(config, runbook, workflowId, EscalationRoutes.none());
  }

  /**
   * Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field; a
   * {@code route} that is not a type names one of the configured {@code routes}.
   */
  static EscalateConfig bind(
      Map<String, Object> config, String runbook, String workflowId, EscalationRoutes routes) {
    ConfigReader in = ConfigReader.of("escalate", config, FIELDS);
    for (String field : List.of("ladder", "giveUpAfter")) {
      if (in.raw(field) != null) {
        throw in.invalid(
            field,
            "belongs to an escalate step, whose workflow posts one tier at a time; it cannot be"
                + " used here (such as in a waitUntil probe)");
      }
    }
    String given = in.requiredString("route").strip();
    RouteType route;
    String routeName = null;
    String url = null;
    String urlRef;
    String routingKeyRef;
    RouteType type = RouteType.parse(given).orElse(null);
    if (type != null) {
      route = type;
      urlRef = secretRef(in, "url");
      if (urlRef == null) {
        url =
            in.string("url")
                .map(String::strip)
                .orElse(route == RouteType.PAGERDUTY ? PAGERDUTY_URL : null);
        if (url == null) {
          throw in.invalid("url", "is required for route '" + route + "'");
        }
        if (JsonHttp.parse(url) == null) {
          throw in.invalid("url", "must be an absolute http:// or https:// URL");
        }
      }
      routingKeyRef = secretRef(in, "routingKey");
      if (in.raw("routingKey") instanceof String) {
        throw in.invalid("routingKey", "must be a secret reference {secretRef: env:NAME}");
      }
      if (route == RouteType.PAGERDUTY && routingKeyRef == null) {
        throw in.invalid("routingKey", "is required for route 'pagerduty'");
      }
    } else {
      EscalationRoutes.Route named =
          routes
              .find(given)
              .orElseThrow(
                  () ->
                      in.invalid(
                          "route",
                          "unknown route '"
                              + given
                              + "': the worker configures "
                              + (routes.names().isEmpty() ? "no routes" : routes.names())
                              + " (runbook.routes.<name>); the types "
                              + RouteType.spoken()
                              + " take a url in the step"));
      for (String field : List.of("url", "routingKey")) {
        if (in.raw(field) != null) {
          throw in.invalid(
              field, "comes from the configured route '" + given + "'; drop it from the step");
        }
      }
      route = named.type();
      routeName = named.name();
      url = named.url() == null && named.urlRef() == null ? PAGERDUTY_URL : named.url();
      urlRef = named.urlRef();
      routingKeyRef = named.routingKeyRef();
    }
    boolean pagerduty = route == RouteType.PAGERDUTY;
    Object autoResolve = in.raw("autoResolve");
    if (autoResolve != null && !(autoResolve instanceof Boolean)) {
      throw in.invalid("autoResolve", "must be true or false");
    }
    String severity = in.string("severity").orElse("error").strip().toLowerCase(Locale.ROOT);
    if (!SEVERITIES.contains(severity)) {
      throw in.invalid("severity", "must be one of critical, error, warning, info");
    }
    String action = in.string("action").orElse("trigger").strip().toLowerCase(Locale.ROOT);
    if (!action.equals("trigger") && !(pagerduty && action.equals("resolve"))) {
      throw in.invalid(
          "action", pagerduty ? "must be trigger or resolve" : "must be trigger for this route");
    }
    Object rawDetails = in.raw("details");
    Map<String, Object> details = new LinkedHashMap<>();
    if (rawDetails instanceof Map<?, ?> m) {
      m.forEach((k, v) -> details.put(String.valueOf(k), v));
    } else if (rawDetails != null) {
      throw in.invalid("details", "must be an object");
    }
    String dedupKey =
        in.string("dedupKey").map(String::strip).filter(s -> !s.isEmpty()).orElse(workflowId);
    if (dedupKey == null || dedupKey.isEmpty()) {
      throw in.invalid("dedupKey", "is required when the run has no workflow id");
    }
    return new EscalateConfig(
        route,
        routeName,
        url,
        urlRef,
        routingKeyRef,
        severity,
        in.requiredString("summary").strip(),
        details,
        action,
        dedupKey,
        in.string("source").filter(s -> !s.isBlank()).orElse(runbook == null ? "runbook" : runbook),
        links(in),
        in.duration("timeout").orElse(DEFAULT_TIMEOUT),
        in.string("approvalFor").map(String::strip).filter(s -> !s.isEmpty()).orElse(null));
  }

  /** This config with {@code more} links after its own. */
  EscalateConfig withLinks(List<Map<String, String>> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Map<String, String>> all = new ArrayList<>(links);
    all.addAll(more);
    return with(details, all);
  }

  /**
   * This config with approve and reject links to the API first among its links, and the details
   * saying how to decide, when it notifies of an approval; else this config.
   *
   * @param apiUrl the API's public base URL, such as {@code https://runbooks.example.com}
   * @param workflowId the run whose approval is asked for
   */
  EscalateConfig withApprovalLinks(String apiUrl, String workflowId) {
    if (approvalFor == null || workflowId == null) {
      return this;
    }
    String run = apiUrl + "/api/runs/" + JsonHttp.pathOf(workflowId);
    List<Map<String, String>> all = new ArrayList<>();
    all.add(Map.of("href", run + "/approve", "text", "Approve"));
    all.add(Map.of("href", run + "/reject", "text", "Reject"));
    all.addAll(links);
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(
        "decide",
        "POST "
            + run
            + "/approve (or /reject) with {\"step\": \""
            + approvalFor
            + "\"} as yourself (your token or login), or bin/runbook approve|reject "
            + workflowId
            + " --step "
            + approvalFor);
    return with(more, all);
  }

  private static String secretRef(ConfigReader in, String field) {
    if (!(in.raw(field) instanceof Map)) {
      return null;
    }
    return in.object(field, Set.of("secretRef"))
        .map(
            r ->
                r.string("secretRef")
                    .map(String::strip)
                    .orElseThrow(() -> in.invalid(field + ".secretRef", "is required")))
        .orElse(null);
  }

  private static List<Map<String, String>> links(ConfigReader in) {
    Object raw = in.raw("links");
    List<Map<String, String>> links = new ArrayList<>();
    if (raw == null) {
      return links;
    }
    if (!(raw instanceof List<?> list)) {
      throw in.invalid("links", "must be a list of {href, text}");
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("href") instanceof String href)) {
        throw in.invalid("links[" + i + "]", "must be {href, text} with an href");
      }
      Map<String, String> link = new LinkedHashMap<>();
      link.put("href", href);
      link.put("text", m.get("text") == null ? href : String.valueOf(m.get("text")));
      links.add(link);
    }
    return links;
  }

  /** This config with other details and links; every other field kept. */
  private EscalateConfig with(Map<String, Object> newDetails, List<Map<String, String>> newLinks) {
    return new EscalateConfig(
        route,
        routeName,
        url,
        urlRef,
        routingKeyRef,
        severity,
        summary,
        newDetails,
        action,
        dedupKey,
        source,
        newLinks,
        timeout,
        approvalFor);
  }
}

package dev.runbooks.activities;

import dev.runbooks.language.model.RouteType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The escalation routes the worker configures by name ({@code runbook.routes.<name>}), so that
 * runbooks say {@code route: oncall} and never carry endpoints or keys. A route has a type ({@code
 * pagerduty}, {@code slack}, {@code teams} or {@code webhook}), an endpoint and, for PagerDuty, a
 * routing key; endpoint and key are secret references ({@code env:NAME}, {@code file:/path}) or,
 * for the endpoint, a plain URL. Immutable.
 */
public final class EscalationRoutes {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern REF = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*|file:/.+");

  /**
   * One configured route.
   *
   * @param name the name runbooks use
   * @param type the route's type
   * @param url the endpoint as a plain URL, or null when it is a secret reference
   * @param urlRef the endpoint as a secret reference, or null
   * @param routingKeyRef the PagerDuty routing key as a secret reference, or null
   */
  public record Route(
      String name, RouteType type, String url, String urlRef, String routingKeyRef) {}

  /**
   * A route as written in the configuration, before it is checked.
   *
   * @param type pagerduty, slack, teams or webhook
   * @param url a plain http(s) URL or a secret reference; optional for pagerduty
   * @param routingKey a secret reference; pagerduty only, required there
   */
  public record Definition(String type, String url, String routingKey) {}

  private final Map<String, Route> routes;

  private EscalationRoutes(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  /** No configured routes: runbooks can use only the built-in types with their own url. */
  public static EscalationRoutes none() {
    return new EscalationRoutes(Map.of());
  }

  /**
   * Checks and keeps route definitions by name.
   *
   * @throws IllegalArgumentException naming every bad definition (the worker refuses to start)
   */
  public static EscalationRoutes of(Map<String, Definition> definitions) {
    Map<String, Route> routes = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    definitions.forEach(
        (name, d) -> {
          String at = "runbook.routes." + name;
          if (!NAME.matcher(name).matches() || RouteType.fromYaml(name).isPresent()) {
            problems.add(
                at
                    + ": a route name is lower-case letters, digits, '-' and '_' and is not one"
                    + " of the types "
                    + RouteType.listed());
            return;
          }
          RouteType type = RouteType.parse(d.type()).orElse(null);
          if (type == null) {
            problems.add(at + ".type: must be one of " + RouteType.listed());
            return;
          }
          String url = d.url() == null || d.url().isBlank() ? null : d.url().strip();
          String urlRef = null;
          if (url != null && REF.matcher(url).matches()) {
            urlRef = url;
            url = null;
          } else if (url != null && !url.matches("(?i)https?://[^/\\s]+.*")) {
            problems.add(
                at + ".url: must be an http(s) URL or a secret reference env:NAME | file:/path");
            return;
          }
          String key =
              d.routingKey() == null || d.routingKey().isBlank() ? null : d.routingKey().strip();
          if (type == RouteType.PAGERDUTY) {
            if (key == null || !REF.matcher(key).matches()) {
              problems.add(
                  at
                      + ".routing-key: pagerduty needs the integration key as env:NAME or file:/path");
              return;
            }
          } else {
            if (key != null) {
              problems.add(at + ".routing-key: applies only to type pagerduty");
              return;
            }
            if (url == null && urlRef == null) {
              problems.add(at + ".url: is required for type " + type);
              return;
            }
          }
          routes.put(name, new Route(name, type, url, urlRef, key));
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "bad escalation routes:\n  " + String.join("\n  ", problems));
    }
    return new EscalationRoutes(routes);
  }

  /** The route with this name, if configured. */
  public Optional<Route> find(String name) {
    return Optional.ofNullable(routes.get(name));
  }

  /** The configured names, sorted. */
  public List<String> names() {
    return routes.keySet().stream().sorted().toList();
  }
}

package dev.runbooks.language.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in types of escalation route: where an {@code escalate} step, a ladder tier or a route
 * the worker configures ({@code runbook.routes.<name>.type}) posts. A step may name a type and give
 * its own {@code url} (and, for PagerDuty, {@code routingKey}); any other route name is a route the
 * worker configures. The one list of route types: the compiler, the escalate activity, the workflow
 * and the worker's configuration all read it here.
 */
public enum RouteType {
  /** A PagerDuty Events API v2 event; the only type whose incidents can be resolved. */
  PAGERDUTY,
  /** A Slack incoming-webhook message. */
  SLACK,
  /** A Microsoft Teams workflow-webhook message. */
  TEAMS,
  /** A plain JSON post to any webhook. */
  WEBHOOK;

  /** The type written exactly {@code name} (lower case), if it is one. */
  public static Optional<RouteType> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The type {@code name} names, ignoring case and surrounding blanks, if it is one. */
  public static Optional<RouteType> parse(String name) {
    return name == null ? Optional.empty() : fromYaml(name.strip().toLowerCase(Locale.ROOT));
  }

  /** The types as a message lists them: {@code pagerduty, slack, teams, webhook}. */
  public static String listed() {
    return Arrays.stream(values()).map(RouteType::toString).collect(Collectors.joining(", "));
  }

  /** The types as a sentence lists them: {@code pagerduty, slack, teams and webhook}. */
  public static String spoken() {
    String listed = listed();
    int last = listed.lastIndexOf(", ");
    return listed.substring(0, last) + " and " + listed.substring(last + 2);
  }

  /** Whether a message of this type opens an incident that a later event can resolve. */
  public boolean resolvable() {
    return this == PAGERDUTY;
  }

  /** The name as written in YAML and in results, such as {@code pagerduty}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}

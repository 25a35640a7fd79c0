package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code escalate} step: hands the incident to people through PagerDuty (Events API v2), a
 * Slack incoming webhook, a Microsoft Teams workflow webhook or a generic webhook, once per
 * escalation even when the activity is retried. Secrets (the PagerDuty routing key, webhook URLs)
 * are references ({@code {secretRef: env:NAME}} or {@code {secretRef: file:/path}}) resolved by the
 * worker, never values in the runbook. A {@code route} that is not one of the four types names a
 * route the worker configures ({@code runbook.routes.<name>}), which holds the endpoint and key, so
 * the runbook says only {@code route: oncall}. Its result is {@code {route, delivered, status,
 * dedupKey, attempt}}. PagerDuty incidents a run triggered are resolved when the run ends resolved,
 * unless the step says {@code autoResolve: false}.
 */
public final class EscalateKind implements ActionKind {
  private static final List<String> TYPES = List.of("pagerduty", "slack", "teams", "webhook");

  @Override
  public String name() {
    return "escalate";
  }

  @Override
  public String description() {
    return "Escalates to people through PagerDuty, Slack, Microsoft Teams or a webhook, once.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/escalate.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    String route = config.get("route") instanceof String r ? r : "";
    boolean pagerduty = route.equals("pagerduty");
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    checkAutoResolve(config, route, path, locate, problems);
    if (!route.isEmpty() && !TYPES.contains(route)) {
      // A route the worker configures by name: endpoint and key come from its configuration.
      for (String field : List.of("url", "routingKey")) {
        if (config.get(field) != null) {
          RemediationChecks.add(
              problems,
              locate,
              path + "." + field,
              field
                  + " comes from the worker's configured route '"
                  + route
                  + "' (runbook.routes."
                  + route
                  + "); drop it, or use a route type (pagerduty, slack, teams, webhook)");
        }
      }
      return problems;
    }
    RemediationChecks.url(config, "url", path, locate, problems);
    if (pagerduty && config.get("routingKey") == null) {
      RemediationChecks.add(
          problems,
          locate,
          path,
          "route 'pagerduty' needs routingKey: {secretRef: env:NAME} (the integration key)");
    }
    if (!pagerduty && !route.isEmpty()) {
      if (config.get("url") == null) {
        RemediationChecks.add(
            problems,
            locate,
            path,
            "route '" + route + "' needs url: the webhook URL or {secretRef: env:NAME}");
      }
      if (config.get("routingKey") != null) {
        RemediationChecks.add(
            problems, locate, path + ".routingKey", "routingKey applies only to route 'pagerduty'");
      }
      if ("resolve".equals(config.get("action"))) {
        RemediationChecks.add(
            problems,
            locate,
            path + ".action",
            "action 'resolve' applies only to route 'pagerduty'; other routes only post messages");
      }
    }
    for (String field : List.of("url", "routingKey")) {
      if (config.get(field) instanceof Map<?, ?> ref
          && ref.get("secretRef") instanceof String name
          && name.contains("${{")) {
        String at = path + "." + field + ".secretRef";
        RemediationChecks.add(
            problems,
            locate,
            at,
            "a secret reference must be written out, not a template, so that run data cannot"
                + " choose which secret is read");
      }
    }
    return problems;
  }

  /** autoResolve applies to PagerDuty triggers only. */
  private static void checkAutoResolve(
      Map<String, Object> config,
      String route,
      String path,
      Function<String, Location> locate,
      List<Problem> problems) {
    if (config.get("autoResolve") == null) {
      return;
    }
    String at = path + ".autoResolve";
    if (TYPES.contains(route) && !route.equals("pagerduty")) {
      RemediationChecks.add(
          problems,
          locate,
          at,
          "autoResolve applies only to PagerDuty incidents; route '"
              + route
              + "' posts a message, which cannot be resolved");
    } else if ("resolve".equals(config.get("action"))) {
      RemediationChecks.add(
          problems,
          locate,
          at,
          "autoResolve applies only to trigger events; this step already resolves the incident");
    }
  }
}

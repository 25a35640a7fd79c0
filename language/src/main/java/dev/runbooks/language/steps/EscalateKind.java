package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.model.RouteType;
import java.time.Duration;
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
 * the runbook says only {@code route: oncall}. Its result is an {@link EscalateResult}. PagerDuty
 * incidents a run triggered are resolved when the run ends resolved, unless the step says {@code
 * autoResolve: false}.
 *
 * <p>Instead of one {@code route}, a step may give a {@code ladder} of tiers {@code {route,
 * after}}: the workflow posts tier 1, waits for an {@code acknowledge} signal, and posts each next
 * tier when the one before was not acknowledged within that tier's {@code after}; {@code
 * giveUpAfter} bounds the wait after the last tier.
 */
public final class EscalateKind implements ActionKind {
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
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    String route = config.get("route") instanceof String r ? r : "";
    checkAutoResolve(config, route, path, locate, problems);
    if (config.get("ladder") instanceof List<?> ladder) {
      checkLadder(config, ladder, path, locate, problems);
      return problems;
    }
    if (config.get("giveUpAfter") != null) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".giveUpAfter",
          "giveUpAfter applies only to a ladder: it bounds the wait for an acknowledgement after"
              + " the last tier");
    }
    if (route.isEmpty()) {
      RemediationChecks.add(
          problems,
          locate,
          path,
          "escalate needs route: where to post (a configured route such as oncall), or ladder:"
              + " tiers that climb until someone acknowledges");
      return problems;
    }
    checkRoute(config, route, path, locate, problems);
    return problems;
  }

  private static void checkLadder(
      Map<String, Object> config,
      List<?> ladder,
      String path,
      Function<String, Location> locate,
      List<Problem> problems) {
    if (config.get("route") != null) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".route",
          "give route or ladder, not both: each ladder tier names its route");
    }
    for (String field : List.of("url", "routingKey")) {
      if (config.get(field) != null) {
        RemediationChecks.add(
            problems,
            locate,
            path + "." + field,
            "with a ladder, " + field + " belongs in the tier whose route type needs it");
      }
    }
    if ("resolve".equals(config.get("action"))) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".action",
          "a ladder posts triggers and climbs until someone acknowledges; it cannot resolve");
    }
    HttpKind.checkDuration(config, "giveUpAfter", path, locate, problems);
    for (int i = 0; i < ladder.size(); i++) {
      if (!(ladder.get(i) instanceof Map<?, ?> raw)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tier = (Map<String, Object>) raw;
      String at = path + ".ladder[" + i + "]";
      HttpKind.checkDuration(tier, "after", at, locate, problems);
      if (i == 0) {
        if (RemediationChecks.duration(tier, "after").filter(d -> !d.isZero()).isPresent()) {
          RemediationChecks.add(
              problems,
              locate,
              at + ".after",
              "tier 1 is posted as soon as the step starts; drop after (delay the step with a"
                  + " sleep step instead)");
        }
      } else if (tier.get("after") == null) {
        RemediationChecks.add(
            problems,
            locate,
            at,
            "tier "
                + (i + 1)
                + " needs after: how long tier "
                + i
                + " has to acknowledge before tier "
                + (i + 1)
                + " is posted, such as 10m");
      } else if (RemediationChecks.duration(tier, "after").filter(Duration::isZero).isPresent()) {
        RemediationChecks.add(
            problems,
            locate,
            at + ".after",
            "after must be longer than 0s: tier " + i + " needs time to acknowledge");
      }
      String tierRoute = tier.get("route") instanceof String r ? r : "";
      if (!tierRoute.isEmpty()) {
        checkRoute(tier, tierRoute, at, locate, problems);
      }
    }
  }

  /** The checks of one route with its url and routingKey: the step's, or a ladder tier's. */
  private static void checkRoute(
      Map<String, Object> config,
      String route,
      String path,
      Function<String, Location> locate,
      List<Problem> problems) {
    RouteType type = RouteType.fromYaml(route).orElse(null);
    boolean pagerduty = type == RouteType.PAGERDUTY;
    if (type == null) {
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
                  + "); drop it, or use a route type ("
                  + RouteType.listed()
                  + ")");
        }
      }
      return;
    }
    RemediationChecks.url(config, "url", path, locate, problems);
    if (pagerduty && config.get("routingKey") == null) {
      RemediationChecks.add(
          problems,
          locate,
          path,
          "route 'pagerduty' needs routingKey: {secretRef: env:NAME} (the integration key)");
    }
    if (!pagerduty) {
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
    if (RouteType.fromYaml(route).filter(t -> !t.resolvable()).isPresent()) {
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

  @Override
  public java.util.Set<String> urlFields() {
    return java.util.Set.of("url");
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.ESCALATE;
  }
}

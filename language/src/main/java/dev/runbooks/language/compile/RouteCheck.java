package dev.runbooks.language.compile;

import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the named routes a runbook uses (an escalate step's {@code route} or ladder tiers' {@code
 * route}, an approval's {@code notify}) against the names the worker configures: a name it does not
 * know fails only at run time otherwise. Route types ({@code pagerduty}, {@code slack}, ...) and
 * templated names are not checked.
 */
final class RouteCheck {
  private final Problems problems;
  private final Set<String> routes;

  RouteCheck(Problems problems, Set<String> routes) {
    this.problems = problems;
    this.routes = new TreeSet<>(routes);
  }

  void check(Iterable<Step> steps) {
    for (Step step : steps) {
      String path = FieldPaths.child(step.path(), step.type());
      if (step.body() instanceof StepBody.Action a && a.type().equals("escalate")) {
        route(a.config().get("route"), FieldPaths.child(path, "route"));
        if (a.config().get("ladder") instanceof List<?> tiers) {
          for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) instanceof Map<?, ?> tier) {
              route(
                  tier.get("route"),
                  FieldPaths.child(FieldPaths.index(path + ".ladder", i), "route"));
            }
          }
        }
      } else if (step.body() instanceof StepBody.Approval a) {
        for (int i = 0; i < a.notifyRoutes().size(); i++) {
          route(a.notifyRoutes().get(i), FieldPaths.index(path + ".notify", i));
        }
        if (a.route() != null) {
          route(a.route(), FieldPaths.child(path, "route"));
        }
      }
    }
  }

  private void route(Object value, String path) {
    if (!(value instanceof String name)
        || name.isBlank()
        || name.contains("${{")
        || RouteType.fromYaml(name).isPresent()
        || routes.contains(name)) {
      return;
    }
    String hint = problems.hint(name, routes);
    problems.at(
        path,
        "route '"
            + name
            + "' is not one of the worker's routes"
            + (routes.isEmpty() ? " (it has none)" : " (" + String.join(", ", routes) + ")")
            + (hint != null ? "; did you mean '" + hint + "'?" : ""));
  }
}

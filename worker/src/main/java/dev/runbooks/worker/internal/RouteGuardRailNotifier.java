package dev.runbooks.worker.internal;

import dev.runbooks.activities.Destinations;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.internal.StepExecutors;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.starter.rails.GuardRailNotifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends guard-rail notifications (a start limit held, a runbook tripped, an alert arrived while
 * automation is off) to the escalation route named by {@code runbook.guard-rails.notify-route},
 * with the same escalate executor a runbook's {@code escalate} step uses: the route's type,
 * endpoint and secrets come from {@code runbook.routes.<name>}, and the destination lists hold. The
 * dispatcher has already recorded the notification once per window; a failure here is logged and
 * the notification stays recorded as not delivered.
 */
final class RouteGuardRailNotifier implements GuardRailNotifier {
  private static final Logger log = LoggerFactory.getLogger(RouteGuardRailNotifier.class);

  private final StepExecutor escalate;
  private final StepEnvironment env;

  RouteGuardRailNotifier(StepEnvironment env) {
    this.env = env;
    this.escalate = StepExecutors.create("escalate", env);
  }

  @Override
  public boolean send(Notice notice) {
    if (notice.route() == null || notice.route().isBlank()) {
      log.warn(
          "guard rail {} for {}: {} (no runbook.guard-rails.notify-route is configured)",
          notice.rail(),
          notice.runbook(),
          notice.message());
      return false;
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", notice.route());
    config.put("severity", "warning");
    config.put("summary", "Guard rail " + notice.rail() + " for " + notice.runbook());
    config.put(
        "details",
        Map.of("runbook", notice.runbook(), "rail", notice.rail(), "message", notice.message()));
    config.put("dedupKey", "guard-rails/" + notice.runbook() + "/" + notice.rail());
    ActionRequest request =
        ActionRequest.rendered(
            notice.runbook(), "guard-rails", "notify-" + notice.rail(), "escalate", config);
    StepContext ctx =
        new StepContext(
            1,
            details -> {},
            Optional::empty,
            "guard-rails/" + notice.runbook() + "/" + notice.rail(),
            new Destinations(env.targets(), false));
    try {
      escalate.execute(request, ctx);
      log.info(
          "guard rail {} for {} sent to route {}", notice.rail(), notice.runbook(), notice.route());
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "guard rail {} for {} could not be sent to route {}: {}",
          notice.rail(),
          notice.runbook(),
          notice.route(),
          e.getMessage());
      return false;
    }
  }
}

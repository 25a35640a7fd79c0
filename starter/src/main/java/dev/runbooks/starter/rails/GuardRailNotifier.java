package dev.runbooks.starter.rails;

/**
 * Delivers a guard-rail notification (a start limit held, a runbook tripped, an alert arrived while
 * automation is off) to the route named by {@code runbook.guard-rails.notify-route}. The dispatcher
 * records every notification in PostgreSQL first, once per window per runbook and rail, then calls
 * this; an application that can reach its escalation routes (the worker) provides a bean, otherwise
 * notifications are logged and recorded only.
 */
@FunctionalInterface
public interface GuardRailNotifier {
  /**
   * Sends one notification.
   *
   * @param notice what to say
   * @return whether it was delivered (false when it was only logged)
   */
  boolean send(Notice notice);

  /**
   * One notification.
   *
   * @param route the route name ({@code runbook.guard-rails.notify-route}), or null when none is
   *     configured
   * @param runbook the runbook, or {@code *} for all automation
   * @param rail {@code limited}, {@code disabled} or {@code tripped}
   * @param message the limit or switch that held, in words
   */
  record Notice(String route, String runbook, String rail, String message) {}
}

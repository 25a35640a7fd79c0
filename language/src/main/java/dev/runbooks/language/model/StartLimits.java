package dev.runbooks.language.model;

/**
 * A runbook's {@code limits:}: how many runs alerts may start in a window, in all and per target.
 * An alert over a limit starts nothing (its inbox row says {@code limited}); with {@code trip} the
 * runbook's automatic starts then stay paused until a person resets them.
 *
 * @param runs at most this many alert-started runs of the runbook per window; null for no limit
 * @param perTarget at most this many per target key; null for none
 * @param trip whether going over a limit pauses the runbook's automatic starts until a reset
 */
public record StartLimits(Rate runs, PerTarget perTarget, boolean trip) {
  /**
   * A limit per target: {@code key} is a template over {@code alert} (such as {@code ${{
   * alert.labels.instance }}}), rendered for each alert; alerts with the same key share {@code
   * runs}.
   */
  public record PerTarget(String key, Rate runs) {}
}

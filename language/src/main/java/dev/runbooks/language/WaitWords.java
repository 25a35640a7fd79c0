package dev.runbooks.language;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Words for what a waiting step waits for, shared by the command line and the web pages. The {@code
 * wait} map is a run's {@code waiting} entry as the HTTP API reports it (keys such as {@code kind},
 * {@code approvers}, {@code nextTier}, {@code nextRoute}, {@code nextAt} and {@code giveUpAt}).
 */
public final class WaitWords {
  private WaitWords() {}

  /**
   * What an escalation ladder waits for: {@code acknowledgement of tier 1/2 (oncall): disk full},
   * the tier that was paged, the number of tiers, its route and the page's summary.
   */
  public static String acknowledgement(Map<String, Object> wait) {
    return "acknowledgement of tier "
        + wait.get("tier")
        + "/"
        + wait.get("tiers")
        + " ("
        + wait.get("route")
        + "): "
        + wait.get("summary");
  }

  /**
   * What an escalation ladder does next if nobody acknowledges: the next tier, its route and when
   * it is paged; else when the ladder gives up; else that this is the last tier.
   *
   * @param time how an instant of the map is written (the CLI prints it as it is, the web pages
   *     format it)
   */
  public static String climb(Map<String, Object> wait, Function<Object, String> time) {
    if (wait.get("nextTier") != null) {
      return "tier "
          + wait.get("nextTier")
          + " ("
          + wait.get("nextRoute")
          + ") at "
          + time.apply(wait.get("nextAt"));
    }
    return wait.get("giveUpAt") == null
        ? "last tier"
        : "gives up at " + time.apply(wait.get("giveUpAt"));
  }

  /**
   * The approvers of an approval as {@code " (approvers: a, b)"}, or an empty string when there is
   * no list or it is empty.
   */
  public static String approvers(Object approvers) {
    return approvers instanceof List<?> l && !l.isEmpty()
        ? " (approvers: " + String.join(", ", l.stream().map(String::valueOf).toList()) + ")"
        : "";
  }
}

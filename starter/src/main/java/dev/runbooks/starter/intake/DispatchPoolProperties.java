package dev.runbooks.starter.intake;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the dispatcher starts runs ({@code runbook.intake.dispatcher.*}), beside the polling settings
 * of {@link IntakeProperties.Dispatcher}: how many at once, and in which order of severity.
 *
 * @param parallelism how many groups of alerts (one group per runbook and target) are started at
 *     once; 1 starts them one after the other
 * @param wakeOnAccept whether each accepted notification wakes the dispatcher at once; off, it
 *     finds new alerts at its next poll ({@code interval})
 * @param severityOrder the severities the dispatcher serves first, highest first (compared ignoring
 *     case); alerts of another severity or of none come after every listed one. Within one severity
 *     the oldest alert goes first, and the alerts of one source and fingerprint keep their order
 * @param maxWait how long an alert may wait before it is served ahead of newer alerts of a higher
 *     severity, so that a storm of critical alerts never starves the others
 * @param passBudget how long one pass keeps starting the rows it claimed: the rest stay pending and
 *     the next pass, at once, ranks the inbox again, so an alert that arrived at another replica or
 *     became overdue waits at most about this long behind a storm's batch. A pass also stops early
 *     when this process stores an alert of a higher severity than the rows it has left
 */
@Validated
@ConfigurationProperties("runbook.intake.dispatcher")
public record DispatchPoolProperties(
    @DefaultValue("8") @Min(1) int parallelism,
    @DefaultValue("true") boolean wakeOnAccept,
    @DefaultValue({"critical", "warning", "info"}) List<String> severityOrder,
    @DefaultValue("30s") Duration maxWait,
    @DefaultValue("1s") Duration passBudget) {

  /** The default of {@code pass-budget}. */
  public static final Duration DEFAULT_PASS_BUDGET = Duration.ofSeconds(1);

  /** Normalizes the severities to lower case and checks the settings. */
  public DispatchPoolProperties {
    severityOrder = severities(severityOrder);
    maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException(
          "runbook.intake.dispatcher.max-wait must be positive, not " + maxWait);
    }
    passBudget = passBudget == null ? DEFAULT_PASS_BUDGET : passBudget;
    if (passBudget.isNegative() || passBudget.isZero()) {
      throw new IllegalArgumentException(
          "runbook.intake.dispatcher.pass-budget must be positive, not " + passBudget);
    }
  }

  /**
   * The rank of an alert of this severity in the dispatcher's order: 1 for the first listed
   * severity, one past the last listed for any other or none (the ranks of {@code InboxClaim}).
   */
  public int rank(String severity) {
    int i = severityOrder.indexOf(normalized(severity));
    return i < 0 ? severityOrder.size() + 1 : i + 1;
  }

  private static List<String> severities(List<String> given) {
    if (given == null) {
      return List.of("critical", "warning", "info");
    }
    List<String> order = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String s : given) {
      String severity = normalized(s);
      if (severity.isEmpty()) {
        throw new IllegalArgumentException(
            "runbook.intake.dispatcher.severity-order: a severity is blank in " + given);
      }
      if (!seen.add(severity)) {
        throw new IllegalArgumentException(
            "runbook.intake.dispatcher.severity-order: " + severity + " is listed twice");
      }
      order.add(severity);
    }
    return List.copyOf(order);
  }

  /** A severity as the order holds it: stripped, lower case; "" for none. */
  private static String normalized(String severity) {
    return severity == null ? "" : severity.strip().toLowerCase(Locale.ROOT);
  }
}

package dev.runbooks.language.compile;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Checks a step's {@code heartbeatTimeout}: only a step whose kind heartbeats ({@link
 * ActionKind#heartbeats()}) may set one, it must be positive and at least {@link #MINIMUM}, and it
 * must be shorter than the step's own {@code timeout} when the step sets one (a heartbeat timeout
 * at least as long as the attempt's would never fire first).
 */
final class HeartbeatTimeouts {
  /** The shortest heartbeat timeout: executors heartbeat every second. */
  static final Duration MINIMUM = Duration.ofSeconds(2);

  private HeartbeatTimeouts() {}

  /**
   * Reports what is wrong with the heartbeat timeout of the step at {@code path}.
   *
   * @param timeout the step's {@code timeout}, or null when it sets none
   */
  static void check(
      StepBody body, Duration heartbeatTimeout, Duration timeout, String path, Problems problems) {
    String at = path + ".heartbeatTimeout";
    boolean heartbeats =
        body instanceof StepBody.Action action
            && ActionKinds.find(action.type()).map(ActionKind::heartbeats).orElse(false);
    if (!heartbeats) {
      problems.at(
          at,
          "heartbeatTimeout applies only to steps that heartbeat ("
              + kinds()
              + "); a step of type "
              + body.type()
              + " does not");
    } else if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
      problems.at(at, "heartbeatTimeout must be positive");
    } else if (heartbeatTimeout.compareTo(MINIMUM) < 0) {
      problems.at(
          at,
          "heartbeatTimeout "
              + Durations.format(heartbeatTimeout)
              + " is too short: executors heartbeat every second, so it must be at least "
              + Durations.format(MINIMUM));
    } else if (timeout != null && heartbeatTimeout.compareTo(timeout) >= 0) {
      problems.at(
          at,
          "heartbeatTimeout "
              + Durations.format(heartbeatTimeout)
              + " must be shorter than the step's timeout "
              + Durations.format(timeout));
    }
  }

  private static String kinds() {
    return ActionKinds.all().stream()
        .filter(ActionKind::heartbeats)
        .map(ActionKind::name)
        .sorted()
        .collect(Collectors.joining(", "));
  }
}

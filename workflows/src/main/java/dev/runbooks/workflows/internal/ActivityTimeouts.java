package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.time.Duration;
import java.util.Optional;

/**
 * The heartbeat timeout of an action's activity. A step type whose kind heartbeats ({@link
 * ActionKind#heartbeats()}: command, dlq, restart, circuitBreaker) gets the step's {@code
 * heartbeatTimeout}, or {@link Step#DEFAULT_HEARTBEAT_TIMEOUT}; Temporal then gives an attempt
 * whose worker stopped heartbeating to another worker after that long instead of after the whole
 * per-attempt timeout. Other kinds get none. A heartbeat timeout that is not shorter than the
 * attempt's start-to-close timeout could never fire first and is left out.
 *
 * <p>The heartbeat timeout is an attribute of the ScheduleActivityTask command, not a command of
 * its own, and replay does not compare it: histories recorded without it replay unchanged.
 */
final class ActivityTimeouts {
  private ActivityTimeouts() {}

  /**
   * The heartbeat timeout for an activity of this type.
   *
   * @param type the step type (the activity type)
   * @param startToClose the attempt's timeout
   * @param stepHeartbeatTimeout the step's {@code heartbeatTimeout}, or null
   */
  static Optional<Duration> heartbeat(
      String type, Duration startToClose, Duration stepHeartbeatTimeout) {
    if (!ActionKinds.find(type).map(ActionKind::heartbeats).orElse(false)) {
      return Optional.empty();
    }
    Duration heartbeat =
        stepHeartbeatTimeout == null ? Step.DEFAULT_HEARTBEAT_TIMEOUT : stepHeartbeatTimeout;
    return heartbeat.compareTo(startToClose) < 0 ? Optional.of(heartbeat) : Optional.empty();
  }
}

package dev.runbooks.starter.audit;

import dev.runbooks.api.DecisionAnswer;
import java.util.Objects;

/**
 * What came of an audited action: accepted, or refused with a reason; with the HTTP status the
 * caller was answered (0 when there was no HTTP request, as for alert-started runs).
 *
 * @param accepted whether the engine (or the run) took the action
 * @param reason why it was refused; null when accepted
 * @param status the HTTP status answered, or 0
 */
public record AuditResult(boolean accepted, String reason, int status) {
  /** Checks that a refusal says why. */
  public AuditResult {
    if (!accepted) {
      Objects.requireNonNull(reason, "a refusal needs a reason");
    }
  }

  /** Accepted, answered with {@code status}. */
  public static AuditResult accepted(int status) {
    return new AuditResult(true, null, status);
  }

  /** Refused for {@code reason}, answered with {@code status}. */
  public static AuditResult refused(int status, String reason) {
    return new AuditResult(false, reason, status);
  }

  /**
   * A run's answer to a decision, with the status the API answers it with: 200 accepted, 403
   * not-allowed, 409 not-waiting and already-decided. The reason starts with the answer's wire
   * name.
   */
  public static AuditResult of(DecisionAnswer answer) {
    return switch (answer.result()) {
      case ACCEPTED -> accepted(200);
      case NOT_ALLOWED -> refused(403, reason(answer));
      case NOT_WAITING, ALREADY_DECIDED -> refused(409, reason(answer));
    };
  }

  private static String reason(DecisionAnswer answer) {
    String wire = answer.result().wire();
    return answer.reason() == null || answer.reason().isBlank()
        ? wire
        : wire + ": " + answer.reason();
  }

  /** The result column: {@code accepted} or {@code refused}. */
  public String wire() {
    return accepted ? "accepted" : "refused";
  }
}

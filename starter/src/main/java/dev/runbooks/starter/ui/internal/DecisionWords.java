package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;

/** A run's answer to a decision in words for the page: "Approved." or "Refused: why". */
final class DecisionWords {
  private DecisionWords() {}

  /** The answer as a sentence (plain text; the page escapes it). */
  static String of(DecisionAction action, DecisionAnswer answer) {
    if (answer.result() == DecisionAnswer.Result.ACCEPTED) {
      return switch (action) {
        case APPROVE -> "Approved.";
        case REJECT -> "Rejected.";
        case ACKNOWLEDGE -> "Acknowledged.";
        case ABORT -> "Aborted.";
      };
    }
    String reason =
        answer.reason() == null ? answer.result().wire().replace('-', ' ') : answer.reason();
    return "Refused (" + answer.result().wire() + "): " + reason;
  }
}

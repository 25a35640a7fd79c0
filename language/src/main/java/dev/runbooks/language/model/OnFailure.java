package dev.runbooks.language.model;

import java.util.List;

/** What happens when a step fails after its retries: stop, carry on, jump, or run handler steps. */
public sealed interface OnFailure {
  /** Stop the run: compensations run in reverse order, then {@code finally}; outcome failed. */
  record Abort() implements OnFailure {}

  /** Record the failure and go on with the next step. */
  record Continue() implements OnFailure {}

  /** Jump to a sibling step of the failed one (in the same step list). */
  record Goto(String target) implements OnFailure {}

  /** Run these steps, then go on with the next step (a handler may end the run with fail). */
  record Handle(List<Step> steps) implements OnFailure {
    public Handle {
      steps = List.copyOf(steps);
    }
  }

  /** The default: abort. */
  OnFailure ABORT = new Abort();

  /** Continue with the next step. */
  OnFailure CONTINUE = new Continue();
}

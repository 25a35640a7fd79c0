package dev.runbooks.starter.internal;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Step;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The step a retry starts from, checked against the runbook version it runs on: a top-level step (a
 * nested one is refused with its location and the top-level step it sits in); by default the
 * top-level step holding the step the run failed at.
 */
final class RetrySteps {
  private RetrySteps() {}

  /**
   * The step to retry from.
   *
   * @param given the request's {@code from}, or null for the run's failed step
   * @param failedStep the step the run failed or ended at, or null
   * @throws ApiException 400 for a nested step or no step to default to, 404 for an unknown one
   */
  static String from(CompiledRunbook plan, String given, String failedStep) {
    List<String> top = plan.definition().steps().stream().map(Step::id).toList();
    if (given == null) {
      String holder = failedStep == null ? null : topLevelOf(plan, failedStep);
      if (holder == null) {
        throw ApiException.badRequest(
            "from: the run names no failed step to retry from; give one of its top-level steps: "
                + String.join(", ", top));
      }
      return holder;
    }
    if (top.contains(given)) {
      return given;
    }
    Step nested = plan.stepsById().get(given);
    if (nested != null) {
      String holder = topLevelOf(plan, given);
      throw ApiException.badRequest(
          "from: step '"
              + given
              + "' ("
              + nested.location()
              + ", "
              + nested.path()
              + ") is nested"
              + (holder == null ? "" : " in step '" + holder + "'")
              + "; a run is retried from a top-level step"
              + (holder == null ? "" : " such as '" + holder + "'"));
    }
    throw new ApiException(
        HttpStatus.NOT_FOUND,
        "from: runbook "
            + plan.name()
            + " ("
            + plan.version()
            + ") has no step '"
            + given
            + "'; its top-level steps are: "
            + String.join(", ", top),
        Map.of());
  }

  /** The top-level step that is or holds the step of this id, or null. */
  static String topLevelOf(CompiledRunbook plan, String id) {
    for (Step step : plan.definition().steps()) {
      if (step.id().equals(id) || holds(step, id)) {
        return step.id();
      }
    }
    return null;
  }

  private static boolean holds(Step step, String id) {
    for (List<Step> list : step.nestedLists()) {
      for (Step inner : list) {
        if (inner.id().equals(id) || holds(inner, id)) {
          return true;
        }
      }
    }
    return false;
  }
}

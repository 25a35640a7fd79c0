package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Wait;
import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.SecretText;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.DurationValue;
import dev.runbooks.language.model.EscalationLadder;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code escalate} step with a {@code ladder}: posts tier 1 through the escalate activity, then
 * waits on a durable timer for an {@code acknowledge} signal; when none comes within the next
 * tier's {@code after}, posts that tier, and so on. An acknowledgement stops the climb and the step
 * succeeds with {@code {acknowledged: true, acknowledgedBy, comment, acknowledgedAt, tier, route,
 * tiers}}; after the last tier the step waits {@code giveUpAfter} (without it, until someone
 * acknowledges or the run is aborted) and then fails with {@code EscalationUnacknowledged}, its
 * result saying {@code acknowledged: false}. A tier whose post fails after its retries is recorded
 * and the next tier is posted at once; when no tier could be posted at all, the step fails with the
 * last tier's error. Acknowledgements go to the audit trail.
 *
 * <p>Ladders are newer than every recorded run (an older compiler refused them), so this code needs
 * no {@code Workflow.getVersion}: no history reaches it without having been made by it.
 */
final class Ladder {
  /** The error type of a ladder nobody acknowledged within {@code giveUpAfter}. */
  static final String UNACKNOWLEDGED = ErrorTypes.ESCALATION_UNACKNOWLEDGED;

  /**
   * One tier as this run posts it: where ({@code route}, {@code url}, {@code routingKey}, rendered)
   * and when.
   */
  private record Tier(long number, Map<String, Object> target, String route, Duration after) {}

  private final StepRuntime runtime;
  private final Signals signals;
  private final Audit audit;

  Ladder(StepRuntime runtime, Signals signals) {
    this.runtime = runtime;
    this.signals = signals;
    this.audit = new Audit(runtime.state());
  }

  /** Whether an action is an escalate step with a ladder, which this class runs. */
  static boolean applies(StepBody.Action action) {
    return action.ladder() != null;
  }

  Object run(Step step, StepBody.Action action, StepScope scope, StepRecord rec) {
    Map<String, Object> variables = runtime.variables(scope);
    Map<String, Object> config = ActionRunner.render(action, variables);
    if (runtime.state().dryRun()) {
      return runtime
          .actions()
          .runRendered(
              step.id(),
              "escalate",
              config,
              step.retry(),
              step.timeout(),
              null,
              step.dryRunResult() == null
                  ? null
                  : () -> Templates.renderTree(step.dryRunResult(), variables));
    }
    List<Tier> tiers = tiers(action.ladder(), variables);
    Duration giveUpAfter = duration(action.ladder().giveUpAfter(), variables, "giveUpAfter");
    Map<String, Object> base = new LinkedHashMap<>(config);
    base.remove("ladder");
    base.remove("giveUpAfter");
    Signals.Pending ack = signals.openAcknowledgement(step.id());
    List<Map<String, Object>> posted = new ArrayList<>();
    StepError lastError = null;
    boolean delivered = false;
    try {
      for (Tier tier : tiers) {
        boolean previousDelivered =
            !posted.isEmpty()
                && Boolean.TRUE.equals(posted.get(posted.size() - 1).get("delivered"));
        if (ack.decision != null
            || (previousDelivered
                && await(
                    step,
                    rec,
                    ack,
                    waiting(step, config, tiers, posted, tier, null),
                    tier.after()))) {
          break;
        }
        Map<String, Object> entry = post(step, base, tier, tiers.size());
        posted.add(entry);
        if (entry.get("error") instanceof Map<?, ?> error) {
          lastError =
              new StepError(
                  String.valueOf(error.get("type")),
                  String.valueOf(error.get("message")),
                  error.get("details"));
        } else {
          delivered = true;
        }
      }
      if (ack.decision == null && !delivered) {
        throw StepFailed.withResult(lastError, result(null, posted));
      }
      if (ack.decision == null
          && !await(
              step,
              rec,
              ack,
              waiting(step, config, tiers, posted, null, giveUpAfter),
              giveUpAfter)) {
        throw StepFailed.withResult(unacknowledged(posted, giveUpAfter), result(null, posted));
      }
      Map<String, Object> result = result(ack.decision, posted);
      audit.acknowledgement(
          step.id(), ack.decision, (Long) result.get("tier"), (String) result.get("route"));
      return result;
    } finally {
      signals.closeAcknowledgement(step.id());
      runtime.state().waitEnded(step.id());
    }
  }

  /**
   * Posts one tier, its details saying which tier it is and how to acknowledge; the entry records
   * the answer or the error.
   */
  private Map<String, Object> post(Step step, Map<String, Object> base, Tier tier, int of) {
    Map<String, Object> config = new LinkedHashMap<>(base);
    config.putAll(tier.target());
    if (base.get("details") == null || base.get("details") instanceof Map<?, ?>) {
      Map<String, Object> details = new LinkedHashMap<>();
      if (base.get("details") instanceof Map<?, ?> given) {
        given.forEach((k, v) -> details.put(String.valueOf(k), v));
      }
      details.put(
          "escalation",
          "tier "
              + tier.number()
              + " of "
              + of
              + "; acknowledge to stop it climbing: bin/runbook ack "
              + runtime.state().workflowId
              + " --by NAME");
      config.put("details", details);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("tier", tier.number());
    entry.put("route", tier.route());
    entry.put("postedAt", Times.iso(Workflow.currentTimeMillis()));
    try {
      Map<String, Object> result =
          runtime
              .actions()
              .runRendered(step.id(), "escalate", config, step.retry(), step.timeout());
      entry.put("delivered", true);
      entry.put("result", result);
    } catch (StepFailed failed) {
      entry.put("delivered", false);
      entry.put("error", failed.error.toMap());
    }
    return entry;
  }

  /** Waits for the acknowledgement; true when it came. A null timeout waits as long as it takes. */
  private boolean await(
      Step step,
      StepRecord rec,
      Signals.Pending ack,
      Wait.Acknowledgement waiting,
      Duration timeout) {
    runtime.state().waitOn(step.id(), waiting);
    try {
      if (timeout == null) {
        Workflow.await(() -> ack.decision != null);
        return true;
      }
      return Workflow.await(timeout, () -> ack.decision != null);
    } finally {
      runtime.state().waitEnded(step.id());
    }
  }

  /** The status query's entry while the ladder waits before {@code next} (or after the last). */
  private static Wait.Acknowledgement waiting(
      Step step,
      Map<String, Object> config,
      List<Tier> tiers,
      List<Map<String, Object>> posted,
      Tier next,
      Duration giveUpAfter) {
    long now = Workflow.currentTimeMillis();
    Map<String, Object> last = posted.get(posted.size() - 1);
    Object summary = SecretText.plain(config.get("summary"));
    return new Wait.Acknowledgement(
        step.id(),
        summary == null ? null : String.valueOf(summary),
        (Long) last.get("tier"),
        tiers.size(),
        (String) last.get("route"),
        next == null ? null : next.number(),
        next == null ? null : next.route(),
        next == null ? null : Times.iso(now + next.after().toMillis()),
        next != null
            ? null
            : Optional.ofNullable(
                giveUpAfter == null ? null : Times.iso(now + giveUpAfter.toMillis())));
  }

  private static Map<String, Object> result(
      Map<String, Object> ack, List<Map<String, Object>> posted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("acknowledged", ack != null);
    if (ack != null) {
      m.put("acknowledgedBy", ack.get("by"));
      m.put("comment", ack.get("comment"));
      m.put("acknowledgedAt", ack.get("acknowledgedAt"));
    }
    Map<String, Object> last = posted.isEmpty() ? Map.of() : posted.get(posted.size() - 1);
    m.put("tier", last.getOrDefault("tier", 1L));
    m.put("route", last.get("route"));
    m.put("tiers", posted);
    return m;
  }

  private static StepError unacknowledged(List<Map<String, Object>> posted, Duration giveUpAfter) {
    List<Object> routes = posted.stream().map(t -> t.get("route")).toList();
    return new StepError(
        UNACKNOWLEDGED,
        "no one acknowledged the escalation: "
            + posted.size()
            + (posted.size() == 1 ? " tier" : " tiers")
            + " posted "
            + routes
            + ", the last not acknowledged within "
            + Durations.format(giveUpAfter)
            + " (giveUpAfter)",
        null);
  }

  /**
   * The tiers of the compiled ladder as this run posts them: targets rendered, durations resolved;
   * InvalidStepConfig naming the field when a templated duration is not one, or is not longer than
   * 0s from tier 2 on (durations written out were checked by the compiler).
   */
  private static List<Tier> tiers(EscalationLadder ladder, Map<String, Object> variables) {
    List<Tier> tiers = new ArrayList<>();
    for (EscalationLadder.Tier tier : ladder.tiers()) {
      String at = "ladder[" + (tier.number() - 1) + "]";
      @SuppressWarnings("unchecked")
      Map<String, Object> target =
          (Map<String, Object>) Templates.renderConfigTree(tier.target(), variables);
      Duration after = duration(tier.after(), variables, at + ".after");
      if (tier.number() > 1 && (after == null || after.isZero() || after.isNegative())) {
        throw invalid(at + ".after", "is required from tier 2 on and must be longer than 0s");
      }
      tiers.add(
          new Tier(tier.number(), target, tier.route(), after == null ? Duration.ZERO : after));
    }
    return tiers;
  }

  private static Duration duration(
      DurationValue value, Map<String, Object> variables, String field) {
    if (value == null) {
      return null;
    }
    try {
      return value.resolve(variables);
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  private static StepFailed invalid(String field, String problem) {
    return StepFailed.withResult(
        new StepError(ErrorTypes.INVALID_STEP_CONFIG, "escalate." + field + ": " + problem, null),
        null);
  }
}

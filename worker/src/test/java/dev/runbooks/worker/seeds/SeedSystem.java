package dev.runbooks.worker.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One test's view of one seed system through the {@link SeedHarness}, with fresh systems: its
 * faults, true state and the requests it received (the testbed's admin API), its alerts and runs,
 * the audit rows and the pager. Each system's helper extends it with what only that system has.
 */
public abstract class SeedSystem {
  /** How long {@link #awaitState} waits at the most. */
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);

  /** The harness, fresh for this test. */
  public final SeedHarness h;

  /** The system's base URL, such as {@code http://127.0.0.1:41234}. */
  public final String base;

  private final String system;
  private final Duration runTimeout;

  /**
   * Starts the seed systems anew ({@link SeedHarness#fresh()}) and views the named one; {@link
   * #await} waits at most {@code runTimeout} for a run.
   */
  protected SeedSystem(String system, Duration runTimeout) {
    this.h = SeedHarness.get().fresh();
    this.base = h.testbed().url(system).toString();
    this.system = system;
    this.runTimeout = runTimeout;
  }

  /**
   * Injects a fault ({@code POST /admin/faults/<fault>}) and checks the testbed accepted it;
   * returns this view, so that faults can be chained.
   */
  public SeedSystem inject(String fault, Map<String, ?> params) {
    JsonNode answer = h.post(base + "/admin/faults/" + fault, params);
    assertThat(answer.path("httpStatus").asInt()).as("inject %s: %s", fault, answer).isEqualTo(200);
    return this;
  }

  /** Clears a fault as if its cause was fixed by hand. */
  public JsonNode clear(String fault) {
    return h.delete(base + "/admin/faults/" + fault);
  }

  /** The system's true state ({@code GET /admin/state}). */
  public JsonNode state() {
    return h.get(base + "/admin/state");
  }

  /**
   * Waits until the true state satisfies a condition (a precondition, or the monitoring's {@code
   * for:} period) and returns it; fails after 30 s.
   */
  public JsonNode awaitState(Predicate<JsonNode> condition, String what) {
    Instant deadline = Instant.now().plus(STATE_TIMEOUT);
    while (true) {
      JsonNode state = state();
      if (condition.test(state)) {
        return state;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + STATE_TIMEOUT + ": " + what + "; state " + state);
      }
      SeedHarness.pause(50);
    }
  }

  /** GET on the system's own API (not through a runbook). */
  public JsonNode get(String path) {
    return h.get(base + path);
  }

  /** POST to the system's own API (not through a runbook), such as a stop before a startup. */
  public JsonNode post(String path, Map<String, ?> body) {
    return h.post(base + path, body);
  }

  /** The mutating requests the system received ({@code GET /admin/requests}), oldest first. */
  public List<JsonNode> requestLog() {
    List<JsonNode> all = new ArrayList<>();
    h.get(base + "/admin/requests").path("requests").forEach(all::add);
    return all;
  }

  /** The mutating requests the system received with this method on this path, oldest first. */
  public List<JsonNode> requests(String method, String path) {
    return requestLog().stream()
        .filter(r -> r.path("method").asText().equals(method))
        .filter(r -> r.path("path").asText().equals(path))
        .toList();
  }

  /** The mutating requests the system received, oldest first, as "METHOD path". */
  public List<String> requests() {
    return requestLog().stream()
        .map(r -> r.path("method").asText() + " " + r.path("path").asText())
        .toList();
  }

  /** Fires an alert of this system as Alertmanager would and returns the one run it started. */
  public String fire(String alertname, Map<String, String> labels) {
    List<String> runs = h.fire(system, alertname, labels);
    assertThat(runs).as("runs started by " + alertname).hasSize(1);
    return runs.get(0);
  }

  /** Waits for a run to close and returns it ({@code GET /api/runs/{id}}). */
  public JsonNode await(String workflowId) {
    return h.awaitRun(workflowId, runTimeout);
  }

  /** The outcome in a finished run's report. */
  public static String outcome(JsonNode run) {
    return run.path("report").path("outcome").asText();
  }

  /** A short description of a run for assertion messages: outcome, message and steps run. */
  public static String describe(JsonNode run) {
    JsonNode report = run.path("report");
    return report.path("outcome").asText()
        + ": "
        + report.path("message").asText(run.path("error").toString())
        + " steps "
        + SeedHarness.stepsRun(run);
  }

  /** The remediation audit rows of a run as "action target outcome", oldest first. */
  public List<String> audit(String workflowId) {
    return h.remediationAudit(workflowId).stream()
        .map(
            row ->
                row.path("action").asText()
                    + " "
                    + row.path("target").asText()
                    + " "
                    + row.path("outcome").asText())
        .toList();
  }

  /** The pager's incidents (PagerDuty, route oncall) by dedup key. */
  public JsonNode incidents() {
    return h.pager().state().path("incidents");
  }

  /** The messages posted to the engineering Slack channel (route engineering). */
  public JsonNode engineering() {
    return h.pager().state().path("messages").path("engineering");
  }
}

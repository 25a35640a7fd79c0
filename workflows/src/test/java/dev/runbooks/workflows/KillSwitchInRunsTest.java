package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch reaches runs already going: a run no person started stops before its next
 * mutating step while its runbook is switched off, a person's run goes on; and a {@code dry-run}
 * step tells the guard-rail route what it would have done.
 */
class KillSwitchInRunsTest {
  private static final String RUNBOOK =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: %s
      steps:
        - id: look
          http: {url: "http://probe.internal/health"}
        - id: bounce
          http: {method: POST, url: "http://probe.internal/bounce"}
      finally:
        - id: note
          log: done
      """;

  /** Stand-ins that record what they were asked to do, so no network is needed. */
  private static final class Recording implements StepExecutor {
    private final String type;
    final List<Map<String, Object>> configs = new CopyOnWriteArrayList<>();

    Recording(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      configs.add(request.config());
      return Map.of("status", 200L);
    }
  }

  private final Recording http = new Recording("http");
  private final Recording escalate = new Recording("escalate");
  private RunbookTestEnv env;

  @BeforeEach
  void start() {
    env = new RunbookTestEnv(List.of(http, escalate));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private long bounces() {
    return http.configs.stream().filter(c -> "POST".equals(c.get("method"))).count();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunStartedByAnAlertStopsBeforeItsNextMutationWhileItsRunbookIsSwitchedOff() {
    env.guardRails.disable("held", "runbook held switched off by bob: incident 42");
    String name = env.publish(RUNBOOK.formatted("held"));
    WorkflowStub run =
        env.start(
            name,
            Map.of(),
            Map.of(
                "alert",
                Map.of("name", "Down"),
                "startedBy",
                Map.of("name", "alertmanager", "groups", List.of(), "channel", "alert")));
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("guarded");
    assertThat(String.valueOf(report.get("message")))
        .contains("switched off by bob: incident 42")
        .contains("stopped before mutating step bounce");
    assertThat(http.configs).as("the read-only step ran").hasSize(1);
    assertThat(bounces()).as("the mutating step never ran").isZero();
    assertThat(RunbookTestEnv.step(report, "note").get("status")).isEqualTo("succeeded");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPersonsRunGoesOnAndEveryRunGoesOnOnceTheSwitchIsBackOn() {
    env.guardRails.disable("*", "all automation switched off by bob: incident 42");
    String name = env.publish(RUNBOOK.formatted("manual"));
    Map<String, Object> byPerson =
        env.start(
                name,
                Map.of(),
                Map.of("startedBy", Map.of("name", "alice", "groups", List.of(), "channel", "api")))
            .getResult(Map.class);
    assertThat(byPerson.get("outcome")).as("report %s", byPerson).isEqualTo("resolved");
    assertThat(bounces()).isEqualTo(1);

    env.guardRails.enable("*");
    Map<String, Object> automatic = env.run(RUNBOOK.formatted("manual-again"), Map.of());
    assertThat(automatic.get("outcome")).as("report %s", automatic).isEqualTo("resolved");
    assertThat(bounces()).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunStepTellsTheGuardRailRouteWhatItWouldHaveDone() {
    env.guardRails.setAutonomy("rehearsal", Autonomy.DRY_RUN, "autonomy set by alice: new release");
    env.guardRails.notifyRoute("oncall");
    Map<String, Object> report = env.run(RUNBOOK.formatted("rehearsal"), Map.of());

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(bounces()).as("the mutation was not done").isZero();
    assertThat(escalate.configs)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("route")).isEqualTo("oncall");
              assertThat(String.valueOf(c.get("summary")))
                  .isEqualTo(
                      "Dry run: runbook rehearsal would have run step bounce (http on"
                          + " probe.internal)");
              assertThat((Map<String, Object>) c.get("details"))
                  .containsEntry("step", "bounce")
                  .containsEntry("reason", "autonomy set by alice: new release");
            });
  }
}

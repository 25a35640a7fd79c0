package dev.runbooks.language.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.EndOutcome;
import dev.runbooks.language.model.Join;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.LogLevel;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MermaidGraphTest {
  private static Step step(String id, StepBody body) {
    return step(id, body, null, List.of());
  }

  private static Step step(String id, StepBody body, OnFailure onFailure, List<Step> compensate) {
    return new Step(
        id, null, null, null, null, onFailure, null, compensate, body, Location.UNKNOWN, id);
  }

  private static StepBody.Action http(String method, String url) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("method", method);
    config.put("url", url);
    return new StepBody.Action("http", config);
  }

  private static StepBody.Log log(String message) {
    return new StepBody.Log(message, LogLevel.INFO);
  }

  private static Runbook runbook(List<Step> steps, List<Step> finallySteps) {
    return new Runbook(
        new Metadata(
            "jarvis-circuit-breaker-open",
            "JARVIS circuit breaker opened",
            null,
            null,
            null,
            "warning"),
        Map.of(),
        steps,
        finallySteps,
        List.of(),
        Location.UNKNOWN);
  }

  @Test
  void chainsStepsFromStartToStop() {
    String graph =
        MermaidGraph.render(
            runbook(
                List.of(
                    step("check", http("GET", "${{ inputs.base_url }}/circuits")),
                    step("report", log("all closed"))),
                List.of()));

    assertThat(graph)
        .startsWith("flowchart TD\n")
        .contains("START([\"JARVIS circuit breaker opened\"])")
        .contains("check[\"check<br/>http GET ${{ inputs.base_url }}/circuits\"]")
        .contains("report>\"report<br/>log: all closed\"]")
        .contains("START --> check\n")
        .contains("check --> report\n")
        .contains("report --> STOP\n");
  }

  @Test
  void labelsSwitchCasesAndJoinsParallelBranches() {
    Step memory = step("free_memory", log("free memory"));
    Step model = step("reload_models", log("reload models"));
    Step dunno = step("escalate", new StepBody.Fail("unknown cause", EndOutcome.ESCALATED));
    Step sw =
        step(
            "by_cause",
            new StepBody.Switch(
                List.of(
                    new StepBody.Case(
                        "steps.diagnose.outputs.cause == \"memory\"",
                        List.of(memory),
                        Location.UNKNOWN),
                    new StepBody.Case(
                        "steps.diagnose.outputs.cause == 'model'",
                        List.of(model),
                        Location.UNKNOWN)),
                List.of(dunno)));
    Step par =
        step(
            "probe_all",
            new StepBody.Parallel(
                List.of(
                    new StepBody.Branch(
                        "api", List.of(step("api", http("GET", "http://a"))), Location.UNKNOWN),
                    new StepBody.Branch(
                        "db", List.of(step("db", http("GET", "http://b"))), Location.UNKNOWN)),
                Join.ANY));

    String graph = MermaidGraph.render(runbook(List.of(sw, par), List.of()));

    assertThat(graph)
        .contains("by_cause{\"by_cause<br/>switch\"}")
        .contains(
            "by_cause -->|\"steps.diagnose.outputs.cause == #quot;memory#quot;\"| free_memory")
        .contains("by_cause -->|\"steps.diagnose.outputs.cause == 'model'\"| reload_models")
        .contains("by_cause -->|\"default\"| escalate")
        .contains("free_memory --> probe_all\n")
        .contains("reload_models --> probe_all\n")
        .contains("probe_all -->|\"api\"| api\n")
        .contains("probe_all -->|\"db\"| db\n")
        .contains("J_probe_all((\"join any\"))")
        .contains("api --> J_probe_all\n")
        .contains("db --> J_probe_all\n")
        .contains("J_probe_all --> STOP\n")
        .contains("escalate -->|\"escalated\"| STOP\n")
        .doesNotContain("escalate --> probe_all");
  }

  @Test
  void labelsEscalationLaddersAndApprovalNotifications() {
    Step ladder =
        step(
            "page",
            new StepBody.Action(
                "escalate",
                Map.of(
                    "summary",
                    "s",
                    "ladder",
                    List.of(
                        Map.of("route", "oncall"),
                        Map.of("route", "engineering", "after", "10m")))));
    Step once =
        step("tell", new StepBody.Action("escalate", Map.of("route", "chat", "summary", "s")));
    Step ask =
        step(
            "ask",
            new StepBody.Approval(
                "Purge?",
                List.of(),
                Duration.ofMinutes(30),
                OnApprovalTimeout.REJECT,
                OnReject.FAIL,
                List.of("oncall", "chat")));

    String graph = MermaidGraph.render(runbook(List.of(ladder, once, ask), List.of()));

    assertThat(graph)
        .contains("page<br/>escalate: oncall, engineering after 10m")
        .contains("tell<br/>escalate: chat")
        .contains("by anyone, within 30m; notify oncall, chat");
  }

  @Test
  void drawsForeachAsSubgraphAndWaitsWithShapesOfTheirOwn() {
    Step each =
        step(
            "restart_each",
            new StepBody.Foreach(
                "inputs.hosts", 2, List.of(step("restart", http("POST", "http://x/restart")))));
    Step wait =
        step(
            "wait_closed",
            new StepBody.WaitUntil(
                http("GET", "http://x/circuits/model_generation"),
                "result.body.state == 'closed'",
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                OnWaitTimeout.FAIL,
                false));
    Step approve =
        step(
            "approve",
            new StepBody.Approval(
                "Delete <old> logs?",
                List.of("sre"),
                Duration.ofMinutes(30),
                OnApprovalTimeout.REJECT,
                OnReject.FAIL));
    Step nap = step("nap", new StepBody.Sleep(Duration.ofMinutes(5)));

    String graph = MermaidGraph.render(runbook(List.of(each, wait, approve, nap), List.of()));

    assertThat(graph)
        .contains(
            "  subgraph restart_each[\"restart_each<br/>for each item in inputs.hosts, 2 at a"
                + " time\"]\n    direction TB\n    restart[")
        .contains("START --> restart_each\n")
        .contains("restart_each --> wait_closed\n")
        .contains("wait_closed{{\"wait_closed<br/>wait until result.body.state == 'closed'")
        .contains("every 10s, up to 5m")
        .contains(
            "approve[/\"approve<br/>approval: Delete #lt;old#gt; logs?<br/>by sre, within 30m\"\\]")
        .contains("nap(\"nap<br/>sleep 5m\")")
        .contains("class approve approval")
        .contains("class wait_closed,nap wait");
  }

  @Test
  void drawsFailureHandlingCompensationAndFinallyWithDashedEdges() {
    Step reset =
        step(
            "reset",
            http("POST", "http://x/reset"),
            new OnFailure.Goto("diagnose"),
            List.of(step("undo_reset", log("undo"))));
    Step verify = step("verify", http("GET", "http://x/health"), OnFailure.CONTINUE, List.of());
    Step notify =
        step(
            "notify",
            http("POST", "http://chat"),
            new OnFailure.Handle(List.of(step("note", log("chat down")))),
            List.of());
    Step diagnose = step("diagnose", log("diagnose"));
    Step summary = step("summary", log("done"));

    String graph =
        MermaidGraph.render(runbook(List.of(diagnose, reset, verify, notify), List.of(summary)));

    assertThat(graph)
        .contains("reset -.->|\"on failure\"| diagnose\n")
        .contains("reset -.->|\"compensate\"| undo_reset\n")
        .contains("verify --> notify\n")
        .contains("verify -.->|\"on failure: continue\"| notify\n")
        .contains("notify -.->|\"on failure\"| note\n")
        .contains("note --> FINALLY\n")
        .contains("notify --> FINALLY\n")
        .contains("subgraph FINALLY[\"finally\"]")
        .contains("FINALLY --> STOP\n")
        .contains("class undo_reset compensation");
  }

  @Test
  void escapesReservedIdsAndLabelText() {
    Step end = step("end", log("say \"hi\" & <b>bye</b> #1 `x` | y"));

    String graph = MermaidGraph.render(runbook(List.of(end), List.of()));

    assertThat(graph)
        .contains(
            "S_end>\"end<br/>log: say #quot;hi#quot; #amp; #lt;b#gt;bye#lt;/b#gt; #35;1 #96;x#96;"
                + " #124; y\"]")
        .contains("START --> S_end\n")
        .contains("S_end --> STOP\n");
    assertThat(MermaidGraph.nodeId("end")).isEqualTo("S_end");
    assertThat(MermaidGraph.nodeId("restart_api")).isEqualTo("restart_api");
  }

  @Test
  void aConditionalEndCanBeSkipped() {
    Step stop =
        new Step(
            "stop_early",
            null,
            "inputs.dry_run",
            null,
            null,
            null,
            null,
            null,
            new StepBody.Succeed("dry run", EndOutcome.RESOLVED),
            Location.UNKNOWN,
            "steps[0]");
    Step work = step("work", log("working"));

    String graph = MermaidGraph.render(runbook(List.of(stop, work), List.of()));

    assertThat(graph)
        .contains(
            "stop_early([\"stop_early<br/>succeed (resolved)<br/>dry run<br/>when inputs.dry_run\"])")
        .contains("stop_early -->|\"resolved\"| STOP\n")
        .contains("stop_early -.->|\"skipped\"| work\n")
        .contains("class stop_early success");
  }
}

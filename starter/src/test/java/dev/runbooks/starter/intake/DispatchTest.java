package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dispatcher end to end: webhook, inbox, routing and real runs of the interpreter on a real
 * Temporal test server; dedup, resolve signals, cancel, cooldown, unmatched with a default runbook,
 * input problems and maintenance windows.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.interval=100ms",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.intake.default-runbook=escalate"
    })
@AutoConfigureMockMvc
class DispatchTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired WorkflowClient client;

  @Autowired dev.runbooks.language.catalog.RunbookCatalog catalog;

  @Test
  void everyTestRunbookCompiles() {
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.all()).hasSize(7);
  }

  @Test
  void repeatsAttachToTheRunAndTheResolveEndsItsWait() throws Exception {
    long first = send(alert("DiskFull", "firing", "fp-dedup", Map.of("instance", "db-1")));
    long second = send(alert("DiskFull", "firing", "fp-dedup", Map.of("instance", "db-1")));
    Map<String, Object> started = route(awaitHandled(first));
    Map<String, Object> repeated = route(awaitHandled(second));
    assertThat(started).containsEntry("action", "started").containsEntry("runbook", "disk-full");
    assertThat(started.get("workflowId")).isEqualTo("runbook/disk-full/fp-dedup");
    assertThat(repeated)
        .containsEntry("action", "repeated")
        .containsEntry("runId", started.get("runId"));
    String id = started.get("workflowId").toString();
    assertThat(status(id)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // What the Temporal Web UI shows of the run: the runbook, the alert and its target.
    var metadata = client.fetchHistory(id).getEvents().get(0).getUserMetadata();
    var text = io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE;
    assertThat(text.fromPayload(metadata.getSummary(), String.class, String.class))
        .endsWith(" — DiskFull — db-1");
    assertThat(text.fromPayload(metadata.getDetails(), String.class, String.class))
        .contains("**Runbook:** disk-full", "**Alert:** DiskFull (fingerprint fp-dedup)")
        .contains("instance=db-1", "**Trigger:** alert from alertmanager")
        .contains("**Run page:** /ui/runs/runbook/disk-full/fp-dedup");
    Map<String, Object> audited =
        call(get("/api/audit/actions?action=alert-start&workflowId=" + id), 200);
    assertThat(audited.toString())
        .contains("principal=alertmanager", "channel=alert", "runbook=disk-full")
        .contains("result=accepted");
    assertThat((List<?>) audited.get("entries")).hasSize(1);

    long resolved = send(alert("DiskFull", "resolved", "fp-dedup", Map.of("instance", "db-1")));
    assertThat(route(awaitHandled(resolved))).containsEntry("action", "resolved");
    await(() -> status(id) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    Map<?, ?> report = client.newUntypedWorkflowStub(id).getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(report.toString()).contains("alertResolved=true");
  }

  @Test
  void aResolvedAlertAloneStartsNothing() throws Exception {
    long id = send(alert("DiskFull", "resolved", "fp-resolved-only", Map.of("instance", "db-9")));
    Map<String, Object> row = awaitHandled(id);
    assertThat(row).containsEntry("state", "ignored");
    assertThat(route(row)).containsEntry("action", "ignored").containsEntry("runId", null);
    assertThat(status("runbook/disk-full/fp-resolved-only")).isNull();
  }

  @Test
  void cancelAbortsTheRunWhenTheAlertResolves() throws Exception {
    Map<String, Object> started =
        route(awaitHandled(send(alert("CpuHigh", "firing", "fp-cpu", Map.of()))));
    assertThat(started).containsEntry("action", "started");
    Map<String, Object> aborted =
        route(awaitHandled(send(alert("CpuHigh", "resolved", "fp-cpu", Map.of()))));
    assertThat(aborted).containsEntry("action", "aborted");
    String id = started.get("workflowId").toString();
    await(() -> status(id) != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aRefireWithinTheCooldownStartsNothing() throws Exception {
    Map<String, Object> started =
        route(awaitHandled(send(alert("Flappy", "firing", "fp-flap", Map.of()))));
    assertThat(started).containsEntry("action", "started");
    String id = started.get("workflowId").toString();
    await(() -> status(id) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    Map<String, Object> again = awaitHandled(send(alert("Flappy", "firing", "fp-flap", Map.of())));
    assertThat(again).containsEntry("state", "cooldown");
    assertThat(route(again)).containsEntry("action", "cooldown");
    assertThat(route(again).get("message").toString()).contains("cooldown");

    // The resolve of an alert whose run has ended is linked to that run, saying when it ended.
    Map<String, Object> resolve =
        route(awaitHandled(send(alert("Flappy", "resolved", "fp-flap", Map.of()))));
    assertThat(resolve)
        .containsEntry("action", "ignored")
        .containsEntry("runId", started.get("runId"));
    assertThat(resolve.get("message").toString())
        .startsWith("the run had ended (completed at ")
        .endsWith(") before the resolve arrived; a resolved alert starts nothing");
    // (The test server's clock skips ahead, so the end is not compared with the wall clock here.)
    assertThat(resolve.get("message").toString())
        .contains(Instant.parse(resolve.get("runEndedAt").toString()).toString());
  }

  @Test
  void unmatchedAlertsGoToTheDefaultRunbookAndBadInputsFail() throws Exception {
    Map<String, Object> unmatched = awaitHandled(send(alert("Nobody", "firing", "fp-x", Map.of())));
    assertThat(unmatched).containsEntry("state", "unmatched");
    assertThat(route(unmatched))
        .containsEntry("runbook", "escalate")
        .containsEntry("action", "started")
        .containsEntry("default", true);

    Map<String, Object> failed =
        awaitHandled(send(alert("ScaleUp", "firing", "fp-scale", Map.of("replicas", "many"))));
    assertThat(failed).containsEntry("state", "failed");
    assertThat(route(failed).get("message").toString()).contains("replicas");
    assertThat(status("runbook/typed/fp-scale")).isNull();
  }

  @Test
  void maintenanceWindowsSuppressAndReleaseStillFiringAlerts() throws Exception {
    Instant ends = Instant.now().plusSeconds(3);
    Map<String, Object> window =
        call(
            post("/api/maintenance-windows")
                .contentType("application/json")
                .content(
                    "{\"id\":\"db-upgrade\",\"matchers\":[{\"name\":\"team\",\"value\":\"db\"}],"
                        + "\"endsAt\":\""
                        + ends
                        + "\",\"comment\":\"upgrade\",\"createdBy\":\"alice\"}"),
            201);
    assertThat(window).containsEntry("active", true);
    assertThat(call(get("/api/maintenance-windows"), 200).toString()).contains("db-upgrade");

    long still = send(alert("Window", "firing", "fp-w1", Map.of("team", "db")));
    long gone = send(alert("Window", "firing", "fp-w2", Map.of("team", "db")));
    long other = send(alert("Window", "firing", "fp-w3", Map.of("team", "web")));
    assertThat(awaitHandled(still))
        .containsEntry("state", "suppressed")
        .containsEntry("windowId", "db-upgrade");
    assertThat(awaitHandled(gone)).containsEntry("state", "suppressed");
    assertThat(route(awaitHandled(other)))
        .containsEntry("action", "started")
        .containsEntry("runbook", "storm");
    assertThat(awaitHandled(send(alert("Window", "resolved", "fp-w2", Map.of("team", "db")))))
        .containsEntry("state", "ignored");

    Map<String, Object> released = await(() -> handledOrNull(still, "dispatched"));
    assertThat(released).containsEntry("releasedFrom", "db-upgrade");
    assertThat(route(released)).containsEntry("action", "started");
    assertThat(status("runbook/storm/fp-w1"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    Thread.sleep(500);
    assertThat(call(get("/api/alerts/" + gone), 200)).containsEntry("state", "suppressed");
    assertThat(status("runbook/storm/fp-w2")).isNull();
    assertThat(call(get("/api/maintenance-windows/db-upgrade"), 200).get("releasedAt")).isNotNull();
    assertThat(call(delete("/api/maintenance-windows/db-upgrade"), 200).get("deletedAt"))
        .isNotNull();
    assertThat(call(get("/api/maintenance-windows/db-upgrade"), 200).get("deletedAt")).isNotNull();

    Map<String, Object> listed = call(get("/api/alerts?runbook=storm&state=dispatched"), 200);
    assertThat(listed.toString()).contains("fp-w1").contains("fp-w3").doesNotContain("fp-w2");
    assertThat(
            call(
                post("/api/maintenance-windows").contentType("application/json").content("{}"),
                400))
        .containsEntry("error", "invalid maintenance window");
  }

  static String alert(String name, String status, String fingerprint, Map<String, String> labels)
      throws Exception {
    Map<String, Object> a =
        Map.of(
            "status",
            status,
            "labels",
            merge(Map.of("alertname", name), labels),
            "annotations",
            Map.of("summary", name),
            "startsAt",
            "2026-11-24T02:10:00Z",
            "endsAt",
            "0001-01-01T00:00:00Z",
            "generatorURL",
            "http://prometheus:9090/graph",
            "fingerprint",
            fingerprint);
    return new ObjectMapper()
        .writeValueAsString(
            Map.of(
                "receiver",
                "runbooks",
                "status",
                status,
                "alerts",
                List.of(a),
                "groupLabels",
                Map.of("alertname", name),
                "commonLabels",
                Map.of(),
                "commonAnnotations",
                Map.of(),
                "externalURL",
                "http://alertmanager:9093",
                "version",
                "4",
                "groupKey",
                "{}:{alertname=\"" + name + "\"}",
                "truncatedAlerts",
                0));
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new java.util.LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }

  private long send(String body) throws Exception {
    Map<String, Object> answer = call(webhook("/webhooks/alertmanager", body), 202);
    return ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();
  }

  private Map<String, Object> awaitHandled(long id) throws Exception {
    return await(() -> handledOrNull(id, null));
  }

  private Map<String, Object> handledOrNull(long id, String state) {
    try {
      Map<String, Object> row = call(get("/api/alerts/" + id), 200);
      boolean done =
          state == null ? !"pending".equals(row.get("state")) : state.equals(row.get("state"));
      return done ? row : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> route(Map<String, Object> row) {
    List<Map<String, Object>> routes =
        json.convertValue(row.get("routes"), new TypeReference<List<Map<String, Object>>>() {});
    assertThat(routes).as(row.toString()).hasSize(1);
    return routes.get(0);
  }

  private WorkflowExecutionStatus status(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      return null;
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("NOT_FOUND")
          || String.valueOf(e.getCause()).contains("NOT_FOUND")) {
        return null;
      }
      throw e;
    }
  }

  static <T> T await(Supplier<T> probe) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      assertThat(System.currentTimeMillis()).as("timed out waiting").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return text.isEmpty() ? Map.of() : json.readValue(text, new TypeReference<>() {});
  }
}

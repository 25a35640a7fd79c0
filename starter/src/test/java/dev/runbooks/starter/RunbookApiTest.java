package dev.runbooks.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The HTTP API against a real in-process Temporal server and a real interpreter worker. */
@SpringBootTest(
    classes = ApiTestApplication.class,
    properties = "runbook.test.catalog-dir=src/test/resources/runbooks")
@AutoConfigureMockMvc
class RunbookApiTest {
  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @Test
  void listsTheCatalogWithRejectedFiles() throws Exception {
    Map<String, Object> body = call(get("/api/runbooks"), 200);
    assertThat(names(body.get("runbooks")))
        .containsExactly("four-eyes", "gated", "greet", "laddered");
    assertThat(body.get("rejected").toString()).contains("broken.yaml");
  }

  @Test
  void showsOneRunbookWithGraphAndSource() throws Exception {
    Map<String, Object> body = call(get("/api/runbooks/greet"), 200);
    assertThat(body).containsEntry("title", "Greet someone");
    assertThat(body.get("graph").toString()).isNotBlank();
    assertThat(body.get("source").toString()).contains("name: greet");
    assertThat(body.get("inputs").toString()).contains("who").contains("required=true");
    assertThat(call(get("/api/runbooks/nope"), 404)).containsKey("error");
  }

  @Test
  void rejectsBadInputsAndUnknownRunbooks() throws Exception {
    Map<String, Object> bad = call(start("greet", "{\"times\": \"many\", \"extra\": 1}"), 400);
    assertThat(bad).containsEntry("error", "invalid inputs");
    assertThat(bad.get("messages").toString()).contains("who").contains("extra").contains("times");
    assertThat(call(start("nope", "{}"), 404).get("error").toString()).contains("nope");
    assertThat(call(start("greet", "{not json"), 400)).containsKey("error");
  }

  @Test
  void startsARunAndReportsItsOutcome() throws Exception {
    Map<String, Object> started = call(start("greet", "{\"who\": \"ada\"}"), 201);
    String id = started.get("workflowId").toString();
    assertThat(id).startsWith("runbook/greet/");
    assertThat(started).containsKeys("runId", "version", "links");

    Map<String, Object> run = await(id, r -> !"running".equals(r.get("executionStatus")));
    assertThat(run).containsEntry("executionStatus", "completed");
    Map<?, ?> report = (Map<?, ?>) run.get("report");
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(report.get("steps").toString()).contains("hello").contains("done");
  }

  @Test
  void refusesWorkflowIdsWithTheEnginesPrefix() throws Exception {
    Map<String, Object> byParam =
        call(
            post("/api/runbooks/greet/runs?workflowId=runbook/greet/squatted")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"who\": \"ada\"}"),
            400);
    assertThat(byParam).containsEntry("error", "invalid workflow id");
    assertThat(byParam.get("message").toString()).contains("'runbook/'");
    Map<String, Object> byHeader =
        call(
            post("/api/runbooks/greet/runs")
                .header("X-Workflow-Id", "runbook/checkout/alert-key")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"who\": \"ada\"}"),
            400);
    assertThat(byHeader).containsEntry("error", "invalid workflow id");
    Map<String, Object> chosen =
        call(
            post("/api/runbooks/greet/runs?workflowId=mine/greet-1")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"who\": \"ada\"}"),
            201);
    assertThat(chosen).containsEntry("workflowId", "mine/greet-1");
  }

  @Test
  void startsADryRun() throws Exception {
    Map<String, Object> started =
        call(
            post("/api/runbooks/greet/runs?dryRun=true")
                .contentType("application/json")
                .content("{\"who\": \"ada\"}"),
            201);
    assertThat(started).containsEntry("dryRun", true);
    String id = started.get("workflowId").toString();
    Map<String, Object> run = await(id, r -> !"running".equals(r.get("executionStatus")));
    Map<?, ?> report = (Map<?, ?>) run.get("report");
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(report.get("dryRun")).isEqualTo(true);
  }

  @Test
  void approvesAWaitingRunAndRefusesSignalsOnceItClosed() throws Exception {
    String id = call(start("gated", "{}"), 201).get("workflowId").toString();
    await(
        id, r -> r.get("status") instanceof Map<?, ?> s && !((List<?>) s.get("waiting")).isEmpty());

    assertThat(call(signal(id, "approve", "{\"approver\": \"alice\", \"comment\": \"ok\"}"), 200))
        .isEqualTo(
            Map.of("workflowId", id, "action", "approve", "result", "accepted", "step", "ask"));

    Map<String, Object> run = await(id, r -> !"running".equals(r.get("executionStatus")));
    Map<?, ?> report = (Map<?, ?>) run.get("report");
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(report.get("startedBy"))
        .isEqualTo(Map.of("name", "admin", "groups", List.of(), "channel", "api"));
    assertThat(report.get("steps").toString()).contains("approver=admin");
    assertThat(call(signal(id, "abort", "{\"by\": \"bob\"}"), 409))
        .containsEntry("error", "run is closed");
  }

  @Test
  void refusesADecisionTheRunDoesNotTakeWithTheReason() throws Exception {
    String id = call(start("four-eyes", "{}"), 201).get("workflowId").toString();
    await(
        id, r -> r.get("status") instanceof Map<?, ?> s && !((List<?>) s.get("waiting")).isEmpty());

    String why = "admin started this run and cannot approve it (four eyes: distinct)";
    assertThat(call(signal(id, "approve", "{\"approver\": \"bob\"}"), 403))
        .containsEntry("error", why)
        .containsEntry("result", "not-allowed")
        .containsEntry("reason", why);
    assertThat(call(signal(id, "acknowledge", "{}"), 409))
        .containsEntry("result", "not-waiting")
        .containsEntry("reason", "no escalation is waiting for an acknowledgement");
    assertThat(call(signal(id, "abort", "{\"reason\": \"wrong host\"}"), 200))
        .containsEntry("result", "accepted");
    Map<String, Object> run = await(id, r -> !"running".equals(r.get("executionStatus")));
    assertThat(((Map<?, ?>) run.get("report")).get("message"))
        .isEqualTo("aborted by admin: wrong host");
  }

  @Test
  void acknowledgesAnEscalationLadder() throws Exception {
    Map<String, Object> started = call(start("laddered", "{}"), 201);
    String id = started.get("workflowId").toString();
    assertThat(started.get("links").toString()).contains("acknowledge=/api/runs/" + id);
    Map<String, Object> waiting =
        await(
            id,
            r -> r.get("status") instanceof Map<?, ?> s && !((List<?>) s.get("waiting")).isEmpty());
    assertThat(((Map<?, ?>) waiting.get("status")).get("waiting").toString())
        .contains("kind=acknowledgement", "route=oncall", "nextRoute=engineering");

    Map<String, Object> sent =
        call(signal(id, "acknowledge", "{\"by\": \"alice\", \"comment\": \"mine\"}"), 200);
    assertThat(sent).containsEntry("action", "acknowledge").containsEntry("result", "accepted");

    Map<String, Object> run = await(id, r -> !"running".equals(r.get("executionStatus")));
    Map<?, ?> report = (Map<?, ?>) run.get("report");
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(report.get("message")).isEqualTo("taken by admin");
  }

  @Test
  void answersUnknownRunsAndPathsWithJson() throws Exception {
    assertThat(call(get("/api/runs/runbook/greet/nope"), 404).get("error").toString())
        .contains("no such run");
    assertThat(call(signal("runbook/greet/nope", "abort", "{\"by\": \"x\"}"), 404))
        .containsKey("error");
    assertThat(call(signal("runbook/greet/nope", "explode", "{}"), 404)).containsKey("error");
    assertThat(call(get("/api/nowhere").accept(MediaType.TEXT_HTML), 404)).containsKey("error");
  }

  @Test
  void refusesToListRunsWithoutVisibilityAndBadRunbookNames() throws Exception {
    assertThat(call(get("/api/runs"), 501).get("error").toString())
        .contains("this Temporal server cannot list runs");
    assertThat(call(get("/api/runs?runbook=Not_A_Name"), 400).get("error").toString())
        .contains("not a runbook name: 'Not_A_Name'");
    assertThat(call(get("/api/runs?outcome=done"), 400).get("error").toString())
        .contains("not an outcome: 'done'");
    assertThat(call(get("/api/runs?service=a'b"), 400).get("error").toString())
        .contains("not a service name");
    assertThat(call(get("/api/runs?since=yesterday"), 400).get("error").toString())
        .contains("not an instant");
    assertThat(call(get("/api/runs?limit=0"), 400).get("error").toString())
        .contains("limit must be at least 1");
    assertThat(call(get("/api/runs?pageToken=%21%21"), 400).get("error").toString())
        .contains("not a page token");
    assertThat(call(get("/api/runs?outcome=escalated&limit=900"), 501)).containsKey("error");
  }

  private static RequestBuilder start(String name, String body) {
    return post("/api/runbooks/" + name + "/runs")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  private static RequestBuilder signal(String id, String action, String body) {
    return post("/api/runs/" + id + "/" + action)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  private Map<String, Object> await(String id, Predicate<Map<String, Object>> done)
      throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      Map<String, Object> run = call(get("/api/runs/" + id), 200);
      if (done.test(run) || System.currentTimeMillis() > deadline) {
        return run;
      }
      Thread.sleep(200);
    }
  }

  private Map<String, Object> call(RequestBuilder request, int status) throws Exception {
    RequestBuilder authenticated =
        request instanceof MockHttpServletRequestBuilder builder
            ? builder.with(TestCredentials.admin())
            : request;
    MvcResult result = mvc.perform(authenticated).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    assertThat(result.getResponse().getContentType()).contains("application/json");
    return json.readValue(text, new TypeReference<>() {});
  }

  private static List<Object> names(Object runbooks) {
    return ((List<?>) runbooks).stream().map(r -> (Object) ((Map<?, ?>) r).get("name")).toList();
  }
}

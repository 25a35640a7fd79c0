package dev.runbooks.starter.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.MaintenanceWindow;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.intake.IntakeTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Per-runbook access and the audit trail of human actions, through the HTTP API and the page, over
 * a real PostgreSQL migrated by Flyway (V5) and a real Temporal test server. Every caller is the
 * test token's owner, admin (no groups), so the runbooks under {@code
 * src/test/resources/access/runbooks} allow {@code user:admin} to start and restrict the rest to
 * groups.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.test.catalog-dir=src/test/resources/access/runbooks"
    })
@AutoConfigureMockMvc
class ActionAuditTest {
  @Autowired MockMvc mvc;
  @Autowired Jdbi jdbi;
  @Autowired WorkflowClient client;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @Test
  void anAllowedStartIsRecordedWithPrincipalChannelAndAddress() throws Exception {
    Map<String, Object> started =
        call(
            post("/api/runbooks/guarded/runs")
                .header("X-Runbook-Channel", "cli")
                .contentType("application/json")
                .content("{}"),
            201);
    String id = started.get("workflowId").toString();

    Map<String, Object> row = newest("guarded", "start");
    assertThat(row)
        .containsEntry("principal", "admin")
        .containsEntry("channel", "cli")
        .containsEntry("address", "127.0.0.1")
        .containsEntry("action", "start")
        .containsEntry("runbook", "guarded")
        .containsEntry("workflowId", id)
        .containsEntry("result", "accepted")
        .containsEntry("status", 201);
    assertThat(row.get("at").toString()).isNotBlank();
  }

  @Test
  void aStartTheAccessBlockDoesNotAllowIsRefusedWith403AndRecorded() throws Exception {
    Map<String, Object> refused =
        call(post("/api/runbooks/closed-door/runs").contentType("application/json"), 403);
    Map<String, Object> dryRun =
        call(
            post("/api/runbooks/closed-door/runs?dryRun=true").contentType("application/json"),
            403);

    assertThat(refused.get("error"))
        .isEqualTo("'admin' may not start runs of runbook 'closed-door'");
    assertThat(refused.get("reason"))
        .isEqualTo("access.start allows only group:sre, and 'admin' is none of them");
    assertThat(refused.get("result")).isEqualTo("not-allowed");
    assertThat(dryRun.get("error"))
        .isEqualTo("'admin' may not start dry runs of runbook 'closed-door'");
    assertThat(newest("closed-door", "start"))
        .containsEntry("result", "refused")
        .containsEntry("status", 403)
        .containsEntry("channel", "api")
        .containsEntry("reason", refused.get("reason"));
    assertThat(newest("closed-door", "dry-run")).containsEntry("result", "refused");
  }

  @Test
  void theRunbookDetailShowsItsAccessBlock() throws Exception {
    Map<String, Object> detail = call(get("/api/runbooks/guarded"), 200);
    Map<String, Object> open = call(get("/api/runbooks/open"), 200);

    assertThat(detail.get("access"))
        .isEqualTo(
            Map.of(
                "start", List.of("user:admin"),
                "approve", List.of("group:sre-leads"),
                "abort", List.of("group:sre")));
    assertThat(open.get("access")).isEqualTo(Map.of());
    assertThat(
            mvc.perform(get("/ui/runbooks/guarded").session(admin()))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("<dt>May abort</dt><dd>group:sre</dd>");
  }

  @Test
  void aStartWithBadInputsIsRecordedAsRefused() throws Exception {
    call(
        post("/api/runbooks/guarded/runs?workflowId=" + "x".repeat(1001))
            .contentType("application/json"),
        400);

    assertThat(newest("guarded", "start"))
        .containsEntry("result", "refused")
        .containsEntry("status", 400)
        .containsEntry("reason", "invalid workflow id")
        .containsEntry("workflowId", null);
  }

  @Test
  void decisionsTheAccessBlockRestrictsAreRefusedAndTheRunKeepsWaiting() throws Exception {
    String id = start("guarded");

    Map<String, Object> abort =
        call(
            post("/api/runs/" + id + "/abort")
                .contentType("application/json")
                .content("{\"by\":\"x\"}"),
            403);
    call(
        post("/api/runs/" + id + "/approve")
            .contentType("application/json")
            .content("{\"approver\":\"x\"}"),
        403);
    call(
        post("/api/runs/" + id + "/reject")
            .contentType("application/json")
            .content("{\"approver\":\"x\"}"),
        403);

    assertThat(abort.get("reason"))
        .isEqualTo("access.abort allows only group:sre, and 'admin' is none of them");
    assertThat(client.newUntypedWorkflowStub(id).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    List<Map<String, Object>> rows = actions("workflowId=" + id);
    assertThat(rows)
        .extracting(r -> r.get("action"))
        .containsExactly("reject", "approve", "abort", "start");
    assertThat(rows.subList(0, 3))
        .allSatisfy(
            r -> assertThat(r).containsEntry("result", "refused").containsEntry("status", 403));
  }

  @Test
  void aDecisionTheBlockDoesNotRestrictGoesThroughAndIsRecorded() throws Exception {
    String id = start("open");

    call(
        post("/api/runs/" + id + "/abort")
            .contentType("application/json")
            .content("{\"by\":\"someone\",\"reason\":\"wrong host\"}"),
        200);

    Map<String, Object> row = actions("workflowId=" + id + "&action=abort").get(0);
    assertThat(row).containsEntry("result", "accepted").containsEntry("runbook", "open");
    assertThat(row.get("details").toString()).contains("wrong host");
  }

  @Test
  void aDecisionOnTheUiIsCheckedAndRecordedWithTheUiChannel() throws Exception {
    String id = start("guarded");

    MvcResult page =
        mvc.perform(
                post("/ui/runs/" + id + "/approve")
                    .header("Host", "localhost")
                    .header("Origin", "http://localhost")
                    .contentType("application/x-www-form-urlencoded")
                    .param("name", "mallory")
                    .session(admin())
                    .with(csrf()))
            .andReturn();

    assertThat(page.getResponse().getStatus()).isEqualTo(403);
    assertThat(page.getResponse().getContentAsString()).contains("may not approve runs of runbook");
    assertThat(actions("workflowId=" + id + "&action=approve").get(0))
        .containsEntry("channel", "ui")
        .containsEntry("result", "refused");
    String runPage =
        mvc.perform(get("/ui/runs/" + id).session(admin()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(runPage)
        .contains("<h2>Who acted</h2>", "admin", ">start<", ">approve<", ">refused<")
        .contains("access.approve allows only group:sre-leads");
  }

  @Test
  void theTrailIsAppendOnlyEvenToTheApplication() throws Exception {
    start("guarded");

    assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("UPDATE action_audit SET principal = 'mallory'")))
        .hasMessageContaining("action_audit is append-only: UPDATE is not allowed");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM action_audit")))
        .hasMessageContaining("action_audit is append-only: DELETE is not allowed");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE action_audit")))
        .hasMessageContaining("action_audit is append-only: TRUNCATE is not allowed");
    assertThat(actions("actor=admin"))
        .isNotEmpty()
        .noneMatch(r -> r.get("principal").equals("mallory"));
  }

  @Test
  void theQueryFiltersAndCapsNewestFirst() throws Exception {
    start("guarded");
    start("guarded");

    List<Map<String, Object>> two = actions("runbook=guarded&action=start&limit=2");
    List<Map<String, Object>> capped = actions("limit=100000");
    Map<String, Object> bad = call(get("/api/audit/actions?action=drop%20table"), 400);

    assertThat(two).hasSize(2);
    assertThat((Long) ((Number) two.get(0).get("id")).longValue())
        .isGreaterThan(((Number) two.get(1).get("id")).longValue());
    assertThat(capped.size()).isLessThanOrEqualTo(ActionAudit.MAX_LIMIT);
    assertThat(actions("actor=nobody'); DROP TABLE action_audit; --")).isEmpty();
    assertThat(bad.get("error").toString()).startsWith("unknown action: use one of start, dry-run");
  }

  @Test
  void deletingAMaintenanceWindowKeepsItsHistoryAndStopsItMatching() throws Exception {
    Instant now = Instant.now();
    call(
        post("/api/maintenance-windows")
            .contentType("application/json")
            .content(
                "{\"id\":\"db-upgrade\",\"matchers\":[{\"name\":\"alertname\",\"value\":\"DiskFull\"}],"
                    + "\"endsAt\":\""
                    + now.plusSeconds(3600)
                    + "\",\"comment\":\"upgrade\"}"),
        201);

    Map<String, Object> deleted = call(delete("/api/maintenance-windows/db-upgrade"), 200);
    Map<String, Object> again = call(delete("/api/maintenance-windows/db-upgrade"), 409);

    assertThat(deleted.get("deletedAt")).isNotNull();
    assertThat(deleted).containsEntry("deletedBy", "admin").containsEntry("active", false);
    assertThat(again.get("error").toString()).contains("was deleted at");
    assertThat(call(get("/api/maintenance-windows/db-upgrade"), 200).get("deletedAt")).isNotNull();
    assertThat(call(get("/api/maintenance-windows"), 200).toString()).contains("db-upgrade");
    int rowsKept =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM maintenance_windows WHERE id = 'db-upgrade'")
                    .mapTo(Integer.class)
                    .one());
    List<MaintenanceWindow> matching =
        jdbi.withHandle(h -> new WindowStore(jdbi).active(h, Instant.now()));
    assertThat(rowsKept).isEqualTo(1);
    assertThat(matching).isEmpty();
    List<Map<String, Object>> rows = actions("action=maintenance-window-delete");
    assertThat(rows).extracting(r -> r.get("result")).containsExactly("refused", "accepted");
    assertThat(actions("action=maintenance-window-create").get(0))
        .containsEntry("target", "db-upgrade")
        .containsEntry("result", "accepted");
  }

  @Test
  void clearingAQuarantineIsRecorded() throws Exception {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO quarantine (target, since, reason) VALUES ('razar-cpu', now(), 'loop')"));

    call(delete("/api/quarantine/razar-cpu"), 200);
    call(delete("/api/quarantine/razar-cpu"), 404);

    assertThat(actions("action=quarantine-clear"))
        .extracting(r -> r.get("target") + " " + r.get("result"))
        .containsExactly("razar-cpu refused", "razar-cpu accepted");
  }

  private String start(String runbook) throws Exception {
    return call(post("/api/runbooks/" + runbook + "/runs").contentType("application/json"), 201)
        .get("workflowId")
        .toString();
  }

  private Map<String, Object> newest(String runbook, String action) throws Exception {
    return actions("runbook=" + runbook + "&action=" + action + "&limit=1").get(0);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> actions(String query) throws Exception {
    return (List<Map<String, Object>>)
        call(
                get(
                    "/api/audit/actions?"
                        + query.replace(" ", "%20").replace("'", "%27").replace(";", "%3B")),
                200)
            .get("entries");
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    var result = mvc.perform(TestCredentials.api(request)).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(status);
    return json.readValue(result.getResponse().getContentAsString(), new TypeReference<>() {});
  }

  /** A /ui session of the local user admin, signed in through the login form. */
  private MockHttpSession admin() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/ui/login")
                    .param("username", "admin")
                    .param("password", TestCredentials.ADMIN_PASSWORD)
                    .with(csrf()))
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
    return (MockHttpSession) result.getRequest().getSession(false);
  }
}

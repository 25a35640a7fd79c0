package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.Rate;
import dev.runbooks.starter.rails.JdbiGuardRailActivities;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.workflows.Preflight;
import dev.runbooks.workflows.PreflightRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The preflight of mutating steps on the real PostgreSQL ({@link JdbiGuardRailActivities}, the bean
 * the worker registers): change freezes and autonomy overrides set through the API, and blast
 * radius counted under concurrency. Same application as {@link GuardRailDispatchTest} (one context
 * for both).
 */
@SpringBootTest(
    classes = {IntakeTestApplication.class, GuardRailDispatchTest.Notices.class},
    properties = {
      "runbook.test.catalog-dir=src/test/resources/rails/runbooks",
      "runbook.intake.dispatcher.interval=1h",
      "runbook.intake.dispatcher.wake-on-accept=false",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.guard-rails.notify-route=oncall",
      "runbook.guard-rails.freezes[0].reason=year-end",
      "runbook.guard-rails.freezes[0].starts-at=2099-12-20T00:00:00Z",
      "runbook.guard-rails.freezes[0].ends-at=2100-01-02T00:00:00Z",
      "runbook.guard-rails.freezes[0].runbooks=flap-target"
    })
@AutoConfigureMockMvc
class GuardRailPreflightTest {
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired MockMvc mvc;
  @Autowired JdbiGuardRailActivities preflight;

  @Test
  void aFreezeRunsAutoRunbooksAsApproveUntilItIsDeleted() throws Exception {
    assertThat(preflight("kill", Autonomy.AUTO).autonomy()).isEqualTo(Autonomy.AUTO);
    Map<String, Object> freeze =
        call(
            post("/api/freezes")
                .content(
                    "{\"reason\":\"release week\",\"endsAt\":\""
                        + Instant.now().plus(Duration.ofHours(1))
                        + "\",\"runbooks\":[\"kill\"]}"),
            201);
    assertThat(freeze).containsEntry("by", "admin").containsEntry("origin", "api");
    Preflight frozen = preflight("kill", Autonomy.AUTO);
    assertThat(frozen.autonomy()).isEqualTo(Autonomy.APPROVE);
    assertThat(frozen.autonomyReason())
        .startsWith("change freeze " + freeze.get("id") + " until ")
        .endsWith(": release week");
    assertThat(preflight("kill", Autonomy.DRY_RUN).autonomy()).isEqualTo(Autonomy.DRY_RUN);
    assertThat(preflight("fresh-only", Autonomy.AUTO).autonomy()).isEqualTo(Autonomy.AUTO);
    assertThat(call(get("/api/guard-rails"), 200).toString())
        .contains("written=auto, effective=approve, override=null, freeze={id=" + freeze.get("id"));
    String listed = call(get("/api/freezes"), 200).toString();
    assertThat(listed).contains("release week", "id=config-0, reason=year-end", "origin=config");

    Map<String, Object> deleted = call(delete("/api/freezes/" + freeze.get("id")), 200);
    assertThat(deleted).containsEntry("deletedBy", "admin");
    assertThat(preflight("kill", Autonomy.AUTO).autonomy()).isEqualTo(Autonomy.AUTO);
    assertThat(call(delete("/api/freezes/" + freeze.get("id")), 409).get("error").toString())
        .startsWith("freeze '" + freeze.get("id") + "' was deleted at ");
    assertThat(call(delete("/api/freezes/nope"), 404))
        .containsEntry("error", "no such freeze: 'nope'");
    assertThat(
            call(post("/api/freezes").content("{\"reason\":\"x\"}"), 400).get("error").toString())
        .startsWith("endsAt: required, after startsAt");
    assertThat(call(get("/api/audit/actions?action=freeze-create"), 200).toString())
        .contains("release week", "result=accepted", "result=refused");
    assertThat(call(get("/api/audit/actions?action=freeze-delete"), 200).toString())
        .contains("result=accepted", "result=refused");
  }

  @Test
  void anAutonomyOverrideWinsUntilItIsCleared() throws Exception {
    Map<String, Object> set =
        call(
            put("/api/runbooks/kill/autonomy")
                .content("{\"mode\":\"dry-run\",\"reason\":\"trial\"}"),
            200);
    assertThat(set.get("autonomy").toString()).contains("effective=dry-run", "mode=dry-run");
    Preflight p = preflight("kill", Autonomy.AUTO);
    assertThat(p.autonomy()).isEqualTo(Autonomy.DRY_RUN);
    assertThat(p.autonomyReason()).isEqualTo("autonomy set to dry-run by admin: trial");
    assertThat(
            call(
                    put("/api/runbooks/kill/autonomy")
                        .content("{\"mode\":\"yolo\",\"reason\":\"x\"}"),
                    400)
                .get("error"))
        .isEqualTo("mode: 'yolo' is not auto, approve, dry-run or null (as written)");
    assertThat(call(put("/api/runbooks/nope/autonomy").content("{\"reason\":\"x\"}"), 404))
        .containsEntry("error", "no such runbook: 'nope'");
    call(put("/api/runbooks/kill/autonomy").content("{\"mode\":null,\"reason\":\"done\"}"), 200);
    assertThat(preflight("kill", Autonomy.AUTO).autonomy()).isEqualTo(Autonomy.AUTO);
    assertThat(call(get("/api/audit/actions?action=autonomy-set&runbook=kill"), 200).toString())
        .contains("mode=dry-run", "reason=trial", "mode=as-written", "reason=done");
  }

  @Test
  void theBlastRadiusAllowsMaxTargetsDistinctTargetsEvenUnderConcurrency() throws Exception {
    Rate max = new Rate(5, Duration.ofHours(1));
    int callers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Preflight>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return preflight.preflight(
                      new PreflightRequest(
                          "blast", "wf-" + n, "bounce", "restart", "svc-" + n, max, Autonomy.AUTO));
                }));
      }
      go.countDown();
      List<String> allowed = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < callers; i++) {
        Preflight p = answers.get(i).get();
        if (p.blastRadiusExceeded()) {
          refused++;
          assertThat(p.message())
              .startsWith(
                  "step bounce of runbook blast acted on 5 distinct targets in the last 1h (")
              .endsWith("); maxTargets 5/1h refuses svc-" + i);
        } else {
          allowed.add("svc-" + i);
        }
      }
      assertThat(allowed).hasSize(5);
      assertThat(refused).isEqualTo(11);
      // The same call again, and another run on a target already among them: allowed.
      String first = allowed.get(0);
      int n = Integer.parseInt(first.substring(4));
      assertThat(blast("wf-" + n, "bounce", first, max).blastRadiusExceeded()).isFalse();
      assertThat(blast("wf-other", "bounce", first, max).blastRadiusExceeded()).isFalse();
      assertThat(blast("wf-other", "bounce", "svc-new", max).blastRadiusExceeded()).isTrue();
      // Another step counts its own targets; no maxTargets, no count.
      assertThat(blast("wf-other", "drain", "svc-new", max).blastRadiusExceeded()).isFalse();
      assertThat(blast("wf-other", "bounce", "svc-new", null).blastRadiusExceeded()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theKillSwitchAndTheNoticeRouteReachThePreflight() throws Exception {
    assertThat(preflight("kill", Autonomy.AUTO).held()).isNull();
    assertThat(preflight("kill", Autonomy.AUTO).notifyRoute()).isEqualTo("oncall");
    call(post("/api/runbooks/kill/disable").content("{\"reason\":\"incident 42\"}"), 200);
    try {
      assertThat(preflight("kill", Autonomy.AUTO).held())
          .isEqualTo("runbook kill switched off by admin: incident 42");
      assertThat(preflight("fresh-only", Autonomy.AUTO).held()).isNull();
    } finally {
      call(post("/api/runbooks/kill/enable").content("{\"reason\":\"over\"}"), 200);
    }
    assertThat(preflight("kill", Autonomy.AUTO).held()).isNull();
  }

  @Test
  void aDryRunStepTakesNoPlaceInItsBlastRadius() {
    Rate one = new Rate(1, Duration.ofHours(1));
    PreflightRequest first =
        new PreflightRequest("blast", "wf-d1", "rehearse", "restart", "a", one, Autonomy.DRY_RUN);
    PreflightRequest second =
        new PreflightRequest("blast", "wf-d2", "rehearse", "restart", "b", one, Autonomy.DRY_RUN);
    assertThat(preflight.preflight(first).blastRadiusExceeded()).isFalse();
    assertThat(preflight.preflight(second).blastRadiusExceeded()).isFalse();
    // Nothing was recorded: a real step on a third target still has the one place.
    assertThat(blast("wf-d3", "rehearse", "c", one).blastRadiusExceeded()).isFalse();
    assertThat(blast("wf-d4", "rehearse", "d", one).blastRadiusExceeded()).isTrue();
  }

  private Preflight blast(String workflowId, String step, String target, Rate max) {
    return preflight.preflight(
        new PreflightRequest("blast", workflowId, step, "restart", target, max, Autonomy.AUTO));
  }

  private Preflight preflight(String runbook, Autonomy written) {
    return preflight.preflight(
        new PreflightRequest(runbook, "wf-x", "step", "restart", null, null, written));
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result =
        mvc.perform(TestCredentials.api(request.contentType("application/json"))).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(status);
    return json.readValue(
        result.getResponse().getContentAsString(), new TypeReference<Map<String, Object>>() {});
  }
}

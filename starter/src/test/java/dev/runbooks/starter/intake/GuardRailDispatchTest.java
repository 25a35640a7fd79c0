package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.dispatch.internal.AlertDispatcher;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.rails.GuardRailMetrics;
import dev.runbooks.starter.rails.GuardRailNotifier;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.NoticeStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.tracing.RunbookTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.unit.DataSize;

/**
 * The guard rails at dispatch, on the real app (real PostgreSQL, Temporal test server, worker): the
 * dispatcher's loop sleeps an hour, so each test fills the inbox first (a backlog, as after an
 * outage) and then runs passes itself. Start limits over 50 flapping instances, trips and their
 * reset, the kill switch per runbook and for all automation with expiry, forced manual starts,
 * firing alerts whose resolve is already queued, and maxAge.
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
class GuardRailDispatchTest {
  /** Records the notifications instead of sending them, and keeps the meters. */
  @TestConfiguration
  static class Notices {
    static final List<GuardRailNotifier.Notice> SENT = new CopyOnWriteArrayList<>();

    @Bean
    GuardRailNotifier recordingNotifier() {
      return recording();
    }

    static GuardRailNotifier recording() {
      return SENT::add;
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    }
  }

  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired MockMvc mvc;
  @Autowired AlertDispatcher dispatcher;
  @Autowired InboxStore inbox;
  @Autowired NoticeStore store;
  @Autowired WorkflowClient client;
  @Autowired ApiTokens tokens;
  @Autowired MeterRegistry meters;
  @Autowired GuardRailStore railStore;
  @Autowired StartLedger ledger;
  @Autowired GuardRailProperties railProperties;
  @Autowired GuardRailMetrics railMetrics;
  @Autowired WindowStore windows;
  @Autowired RunbookCatalog catalog;
  @Autowired IntakeMetrics intakeMetrics;
  @Autowired ActionAudit audit;

  @Test
  void fiftyFlappingInstancesStartTwoRunsEachAndNotifyOnce() throws Exception {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (int flap = 0; flap < 3; flap++) {
      for (int i = 0; i < 50; i++) {
        alerts.add(alert("FlapTarget", "firing", "fp-t-" + i + "-" + flap, "host-" + i, now()));
      }
    }
    List<Long> ids = send(alerts);
    drain();
    Map<String, Integer> startsPerInstance = new HashMap<>();
    int started = 0;
    int limited = 0;
    for (Long id : ids) {
      InboxRow row = inbox.find(id).orElseThrow();
      String instance = String.valueOf(row.alert().labels().get("instance"));
      if (row.state().equals("dispatched")) {
        started++;
        startsPerInstance.merge(instance, 1, Integer::sum);
      } else {
        assertThat(row.state()).isEqualTo("limited");
        assertThat(row.routes().get(0).get("message").toString())
            .startsWith("limit perTarget 2/1h (key " + instance + ") held: 2 run(s) started");
        limited++;
      }
    }
    assertThat(started).isEqualTo(100);
    assertThat(limited).isEqualTo(50);
    assertThat(startsPerInstance).hasSize(50).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    assertThat(notices("flap-target", "limited")).hasSize(1);
    assertThat(store.notices("flap-target")).hasSize(1);
    assertThat(store.notices("flap-target").get(0)).containsEntry("delivered", true);
    assertThat(meters.get("runbook.alerts.limited").tag("runbook", "flap-target").counter().count())
        .isEqualTo(50.0);
    assertThat(recent("flap-target")).containsEntry("starts", 100).containsEntry("limited", 50);
  }

  @Test
  void aRunsLimitWithTripPausesTheRunbookUntilAPersonResetsIt() throws Exception {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      alerts.add(alert("FlapTrip", "firing", "fp-trip-" + i, "node-" + i, now()));
    }
    List<Long> ids = send(alerts);
    drain();
    Map<String, Integer> states = new HashMap<>();
    for (Long id : ids) {
      states.merge(inbox.find(id).orElseThrow().state(), 1, Integer::sum);
    }
    assertThat(states).containsEntry("dispatched", 10).containsEntry("limited", 1);
    assertThat(states).containsEntry("tripped", 39);
    assertThat(notices("flap-trip", null)).hasSize(1);
    assertThat(notices("flap-trip", "limited").get(0).message())
        .contains("limit runs 10/1h held")
        .contains("the runbook tripped");
    Map<String, Object> rails = runbook(call(get("/api/guard-rails"), 200), "flap-trip");
    assertThat(rails.get("tripped").toString()).contains("limit=runs 10/1h");
    assertThat(meters.get("runbook.trips").tag("runbook", "flap-trip").counter().count())
        .isEqualTo(1.0);
    assertThat(meters.get("runbook.guard-rails.tripped").gauge().value()).isEqualTo(1.0);

    assertThat(call(post("/api/runbooks/flap-trip/limits/reset").content("{}"), 400).get("error"))
        .isEqualTo("reason: required (say why starts may resume)");
    Map<String, Object> reset =
        call(post("/api/runbooks/flap-trip/limits/reset").content("{\"reason\":\"fixed\"}"), 200);
    assertThat(reset.get("reset").toString()).contains("runs 10/1h");
    assertThat(runbook(call(get("/api/guard-rails"), 200), "flap-trip").get("tripped")).isNull();
    assertThat(
            call(post("/api/runbooks/flap-trip/limits/reset").content("{\"reason\":\"x\"}"), 409))
        .containsEntry("error", "runbook 'flap-trip' is not tripped");
    String audited =
        call(get("/api/audit/actions?action=limits-reset&runbook=flap-trip"), 200).toString();
    assertThat(audited).contains("result=accepted", "reason=fixed", "result=refused");
    assertThat(call(get("/api/audit/actions?action=runbook-trip"), 200).toString())
        .contains("flap-trip", "runs 10/1h");
    // After the reset the limit still counts the ten runs of the hour: the next alert is limited.
    long next = send(List.of(alert("FlapTrip", "firing", "fp-trip-x", "node-x", now()))).get(0);
    drain();
    assertThat(inbox.find(next).orElseThrow().state()).isEqualTo("limited");
  }

  @Test
  void twoDispatchersSharingTheDatabaseTakeALimitsPlacesOnce() throws Exception {
    IntakeProperties small =
        new IntakeProperties(
            true,
            DataSize.ofMegabytes(1),
            Duration.ofMinutes(5),
            null,
            null,
            new IntakeProperties.Dispatcher(
                true, 4, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(1), 10),
            null,
            100,
            true,
            null,
            null);
    AlertDispatcher.Rails rails =
        new AlertDispatcher.Rails(
            railStore, store, ledger, railProperties, railMetrics, Notices.recording());
    List<AlertDispatcher> dispatchers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      dispatchers.add(
          new AlertDispatcher(
              inbox,
              windows,
              client,
              catalog,
              small,
              intakeMetrics,
              new DispatchPoolProperties(4, true, null, null, null),
              audit,
              rails,
              RunbookTracing.off()));
    }
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      alerts.add(alert("FlapShared", "firing", "fp-shared-" + i, "s-" + i, now()));
    }
    List<Long> ids = send(alerts);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (AlertDispatcher d : dispatchers) {
        running.add(
            pool.submit(
                () -> {
                  while (inbox.depth().pending() > 0) {
                    d.pass();
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Integer> states = new HashMap<>();
    for (Long id : ids) {
      states.merge(inbox.find(id).orElseThrow().state(), 1, Integer::sum);
    }
    assertThat(states).containsOnly(Map.entry("dispatched", 10), Map.entry("limited", 30));
    assertThat(store.notices("flap-shared")).hasSize(1);
  }

  @Test
  void theKillSwitchHoldsARunbookUntilItExpiresAndAllAutomationUntilEnabled() throws Exception {
    Instant until = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    assertThat(call(post("/api/runbooks/kill/disable").content("{}"), 400).get("error"))
        .isEqualTo("reason: required (say why automation stops)");
    Map<String, Object> off =
        call(
            post("/api/runbooks/kill/disable")
                .content("{\"reason\":\"db migration\",\"until\":\"" + until + "\"}"),
            200);
    assertThat(off.get("disabled").toString()).contains("reason=db migration", "by=admin");
    long a = send(List.of(alert("Kill", "firing", "fp-kill-1", "k1", now()))).get(0);
    long b = send(List.of(alert("Kill", "firing", "fp-kill-2", "k2", now()))).get(0);
    drain();
    for (long id : List.of(a, b)) {
      InboxRow row = inbox.find(id).orElseThrow();
      assertThat(row.state()).isEqualTo("disabled");
      assertThat(row.routes().get(0).get("message").toString())
          .startsWith("runbook kill is disabled by admin since ")
          .contains(": db migration (until " + until);
    }
    assertThat(notices("kill", "disabled")).hasSize(1);
    assertThat(meters.get("runbook.guard-rails.disabled").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("runbook.alerts.disabled").tag("runbook", "kill").counter().count())
        .isEqualTo(2.0);

    // A manual start while disabled: refused, refused to a forcing operator, allowed to an admin.
    MvcResult refused =
        mvc.perform(
                TestCredentials.api(
                    post("/api/runbooks/kill/runs").contentType("application/json").content("{}")))
            .andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(409);
    assertThat(read(refused).get("error"))
        .isEqualTo(
            "runbook kill is disabled by admin: db migration; an admin may start it with force");
    String operator = tokens.create("op", "op", Role.OPERATOR, null).token();
    MvcResult forcedByOperator =
        mvc.perform(
                post("/api/runbooks/kill/runs")
                    .header("Authorization", "Bearer " + operator)
                    .contentType("application/json")
                    .content("{\"force\": true}"))
            .andReturn();
    assertThat(forcedByOperator.getResponse().getStatus()).isEqualTo(403);
    Map<String, Object> forced =
        call(post("/api/runbooks/kill/runs").content("{\"force\": true}"), 201);
    assertThat(forced.get("workflowId").toString()).startsWith("runbook/kill/");
    String audit = call(get("/api/audit/actions?action=start&runbook=kill"), 200).toString();
    assertThat(audit).contains("force=true", "result=refused", "status=409", "status=403");

    // The disable expires by itself.
    Thread.sleep(Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) + 200);
    long c = send(List.of(alert("Kill", "firing", "fp-kill-3", "k3", now()))).get(0);
    drain();
    assertThat(inbox.find(c).orElseThrow().state()).isEqualTo("dispatched");
    assertThat(call(get("/api/audit/actions?action=runbook-disable&runbook=kill"), 200).toString())
        .contains("db migration", "result=refused");

    // All automation: held until enabled, whatever the runbook.
    call(post("/api/automation/disable").content("{\"reason\":\"incident 42\"}"), 200);
    assertThat(call(get("/api/guard-rails"), 200).get("automation").toString())
        .contains("disabled=true", "reason=incident 42");
    long d = send(List.of(alert("Kill", "firing", "fp-kill-4", "k4", now()))).get(0);
    drain();
    assertThat(inbox.find(d).orElseThrow().routes().get(0).get("message").toString())
        .startsWith("automation is disabled by admin since ");
    assertThat(notices("*", "disabled")).hasSize(1);
    call(post("/api/automation/enable").content("{\"reason\":\"over\"}"), 200);
    long e = send(List.of(alert("Kill", "firing", "fp-kill-5", "k5", now()))).get(0);
    drain();
    assertThat(inbox.find(e).orElseThrow().state()).isEqualTo("dispatched");
    assertThat(call(get("/api/audit/actions?action=automation-enable"), 200).toString())
        .contains("reason=over");
  }

  @Test
  void aBacklogOfFiringAndResolvedPairsStartsNothing() throws Exception {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      alerts.add(alert("Held", "firing", "fp-pair-" + i, "p" + i, now()));
    }
    List<Long> firing = send(alerts);
    List<Map<String, Object>> resolves = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      resolves.add(alert("Held", "resolved", "fp-pair-" + i, "p" + i, now()));
    }
    List<Long> resolved = send(resolves);
    drain();
    for (int i = 0; i < 20; i++) {
      InboxRow f = inbox.find(firing.get(i)).orElseThrow();
      assertThat(f.state()).isEqualTo("superseded");
      assertThat(f.routes().get(0).get("message"))
          .isEqualTo(
              "its resolve (alert "
                  + resolved.get(i)
                  + ", same fingerprint) is already in the inbox; nothing started");
      assertThat(inbox.find(resolved.get(i)).orElseThrow().state()).isEqualTo("ignored");
      assertThat(inbox.find(resolved.get(i)).orElseThrow().routes().get(0).get("message"))
          .isEqualTo("no run in flight; a resolved alert starts nothing");
      String id = "runbook/held/fp-pair-" + i;
      assertThatThrownBy(() -> client.newUntypedWorkflowStub(id).describe())
          .as("no run %s", id)
          .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
    }
  }

  @Test
  void anAlertOlderThanTheTriggersMaxAgeIsStale() throws Exception {
    long old =
        send(List.of(alert("FreshOnly", "firing", "fp-old", "o1", "2026-01-01T00:00:00Z"))).get(0);
    long fresh = send(List.of(alert("FreshOnly", "firing", "fp-new", "o2", now()))).get(0);
    drain();
    InboxRow row = inbox.find(old).orElseThrow();
    assertThat(row.state()).isEqualTo("stale");
    assertThat(row.routes().get(0).get("message"))
        .isEqualTo(
            "the alert started at 2026-01-01T00:00:00Z, more than the trigger's maxAge of 30m"
                + " ago; nothing started");
    InboxRow started = inbox.find(fresh).orElseThrow();
    assertThat(started.state()).isEqualTo("dispatched");
    // onResolved: stopBeforeMutation is in the trigger context the run was started with.
    String workflowId = started.routes().get(0).get("workflowId").toString();
    String input =
        client
            .fetchHistory(workflowId)
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloadsList()
            .stream()
            .map(p -> p.getData().toStringUtf8())
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(input).contains("\"onResolved\":\"stopBeforeMutation\"");
  }

  private List<GuardRailNotifier.Notice> notices(String runbook, String rail) {
    return Notices.SENT.stream()
        .filter(n -> n.runbook().equals(runbook) && (rail == null || n.rail().equals(rail)))
        .peek(n -> assertThat(n.route()).isEqualTo("oncall"))
        .toList();
  }

  private void drain() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (inbox.depth().pending() > 0) {
      assertThat(System.currentTimeMillis()).isLessThan(deadline);
      if (dispatcher.pass() < 0) {
        Thread.sleep(100);
      }
    }
  }

  private Map<String, Object> recent(String runbook) throws Exception {
    Object recent = runbook(call(get("/api/guard-rails"), 200), runbook).get("recent");
    return json.convertValue(recent, new TypeReference<Map<String, Object>>() {});
  }

  private Map<String, Object> runbook(Map<String, Object> snapshot, String name) {
    List<Map<String, Object>> runbooks =
        json.convertValue(
            snapshot.get("runbooks"), new TypeReference<List<Map<String, Object>>>() {});
    return runbooks.stream().filter(r -> r.get("runbook").equals(name)).findFirst().orElseThrow();
  }

  static String now() {
    return Instant.now().toString();
  }

  static Map<String, Object> alert(
      String name, String status, String fingerprint, String instance, String startsAt) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("status", status);
    a.put("labels", Map.of("alertname", name, "instance", instance));
    a.put("annotations", Map.of());
    a.put("startsAt", startsAt);
    a.put("endsAt", "0001-01-01T00:00:00Z");
    a.put("fingerprint", fingerprint);
    return a;
  }

  private List<Long> send(List<Map<String, Object>> alerts) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receiver", "runbooks");
    body.put("status", alerts.get(0).get("status"));
    body.put("alerts", alerts);
    body.put("groupLabels", Map.of());
    body.put("commonLabels", Map.of());
    body.put("commonAnnotations", Map.of());
    body.put("version", "4");
    body.put("groupKey", "{}");
    Map<String, Object> answer =
        call(webhook("/webhooks/alertmanager", json.writeValueAsString(body)), 202);
    return json.convertValue(answer.get("ids"), new TypeReference<List<Long>>() {});
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result =
        mvc.perform(TestCredentials.api(request.contentType("application/json"))).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(status);
    return read(result);
  }

  private Map<String, Object> read(MvcResult result) throws Exception {
    return json.readValue(
        result.getResponse().getContentAsString(), new TypeReference<Map<String, Object>>() {});
  }
}

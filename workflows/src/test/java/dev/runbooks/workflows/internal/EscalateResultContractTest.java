package dev.runbooks.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.internal.StepExecutors;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.EscalateResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escalate activity's result and the workflow's reader of it agree: the real escalate executor
 * posts to a local receiver, its result goes through JSON as Temporal carries it, and {@link
 * Incidents} (through {@link EscalateResult}) finds the incident it opened and sees it resolved. A
 * field renamed on one side only fails here, instead of silently turning auto-resolve off.
 */
class EscalateResultContractTest {
  private HttpServer server;
  private StepExecutor executor;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(202, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    EscalationRoutes routes =
        EscalationRoutes.of(
            Map.of(
                "oncall",
                new EscalationRoutes.Definition("pagerduty", url + "/pd", "env:PD_KEY"),
                "chat",
                new EscalationRoutes.Definition("slack", url + "/chat", null)));
    executor =
        StepExecutors.create(
            "escalate",
            StepEnvironment.defaults()
                .withEnvironment(Map.of("PD_KEY", "pd-key")::get)
                .withAudit(AuditLog.none())
                .withRoutes(routes)
                .withApiUrl("https://runbooks.example.com"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Runs the real executor and returns its result as the workflow receives it, through JSON. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> escalate(Map<String, Object> config) throws IOException {
    Map<String, Object> result =
        executor.execute(
            new ActionRequest("contract", "wf-7", "page", "escalate", config),
            StepContext.detached());
    return Json.mapper().readValue(Json.write(result), Map.class);
  }

  private static Map<String, Object> config(String route, String action) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("route", route);
    c.put("summary", "disk full");
    if (action != null) {
      c.put("action", action);
    }
    return c;
  }

  @Test
  void aPagerDutyTriggerOpensAnIncidentThatItsResolveCloses() throws IOException {
    Map<String, Object> trigger = escalate(config("oncall", null));
    Incidents incidents = new Incidents();
    incidents.observe("page", "escalate", config("oncall", null), trigger);

    assertThat(incidents.any()).isTrue();
    assertThat(incidents.snapshot())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i)
                    .containsEntry("stepId", "page")
                    .containsEntry("shown", "oncall")
                    .containsEntry("dedupKey", "wf-7"));

    Map<String, Object> resolve = escalate(config("oncall", "resolve"));
    incidents.observe("close", "escalate", config("oncall", "resolve"), resolve);
    assertThat(incidents.any()).isFalse();
  }

  @Test
  void theResultReadsBackAsTheActivityWroteIt() throws IOException {
    Map<String, Object> result = escalate(config("oncall", null));
    EscalateResult read = EscalateResult.read(result).orElseThrow();

    assertThat(read.route()).isEqualTo(RouteType.PAGERDUTY);
    assertThat(read.routeName()).isEqualTo("oncall");
    assertThat(read.action()).isEqualTo(EscalateResult.Action.TRIGGER);
    assertThat(read.status()).isEqualTo(202L);
    assertThat(read.dedupKey()).isEqualTo("wf-7");
    assertThat(read.attempt()).isEqualTo(1L);
    assertThat(read.incident())
        .contains(new EscalateResult.Incident("wf-7", EscalateResult.Action.TRIGGER, "oncall"));
    // Every key the activity writes is one the record reads, in the same order.
    assertThat(Json.write(read.toMap())).isEqualTo(Json.write(result));
    assertThat(List.copyOf(result.keySet()))
        .containsExactly(
            "route",
            "routeName",
            "action",
            "delivered",
            "status",
            "dedupKey",
            "attempt",
            "endpoint",
            "duplicateSuppressed");
  }

  @Test
  void aChatMessageOpensNoIncident() throws IOException {
    Map<String, Object> result = escalate(config("chat", null));
    Incidents incidents = new Incidents();
    incidents.observe("tell", "escalate", config("chat", null), result);

    assertThat(EscalateResult.read(result).orElseThrow().route()).isEqualTo(RouteType.SLACK);
    assertThat(incidents.any()).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResultRecordedInAnOlderHistoryStillOpensAnIncident() throws IOException {
    // As auto-resolve-v0.json holds it.
    Map<String, Object> recorded =
        Json.mapper()
            .readValue(
                "{\"route\":\"pagerduty\",\"routeName\":\"oncall\",\"action\":\"trigger\","
                    + "\"delivered\":true,\"status\":200,\"dedupKey\":\"runbook/x/1\","
                    + "\"attempt\":1,\"endpoint\":\"http://127.0.0.1:44935/pd\","
                    + "\"duplicateSuppressed\":false}",
                Map.class);
    Incidents incidents = new Incidents();
    incidents.observe("page", "escalate", config("oncall", null), recorded);

    assertThat(incidents.snapshot())
        .singleElement()
        .satisfies(i -> assertThat(i).containsEntry("dedupKey", "runbook/x/1"));
  }
}

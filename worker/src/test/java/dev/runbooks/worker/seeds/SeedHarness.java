package dev.runbooks.worker.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.testbed.Testbed;
import dev.runbooks.testbed.TestbedOptions;
import dev.runbooks.testbed.pager.PagerSystem;
import dev.runbooks.worker.RunbookApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole product against the testbed, once per test JVM: the worker application (embedded
 * Temporal test server, embedded PostgreSQL for the inbox and audit trail, the catalog {@code
 * ../runbooks-yaml}) and the testbed's systems. Alerts are posted to the webhook exactly as
 * Alertmanager posts them.
 *
 * <p>Every test calls {@link #fresh()} first: it starts the five seed systems anew on new ports (so
 * each test's alerts carry a new {@code instance} label and get their own dedup keys and
 * cooldowns), empties the Juggernaut database, the pager, the restart ledger and the quarantine.
 * The pager and the Juggernaut database stay on the same address for the whole JVM, because the
 * worker's configuration names them: route {@code oncall} (PagerDuty Events API v2), route {@code
 * engineering} (Slack), datasource {@code juggernaut}.
 */
public final class SeedHarness {
  /** The routing key the {@code oncall} route sends, read from a secret file. */
  public static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static SeedHarness instance;
  private static volatile RunListener listener;

  private final Path data;
  private final EmbeddedPostgres seedDatabase;
  private final Testbed pager;
  private final ConfigurableApplicationContext app;
  private final String api;
  private Testbed testbed;

  private SeedHarness() throws Exception {
    data = Files.createDirectories(Path.of("target/seed-data/" + UUID.randomUUID()));
    seedDatabase = EmbeddedPostgres.builder().start();
    pager =
        Testbed.start(
            new TestbedOptions(
                "127.0.0.1", Map.of(), true, data.resolve("pager"), null, 0, Set.of("pager")));
    Path routingKey = data.resolve("pagerduty-routing-key");
    Files.writeString(routingKey, ROUTING_KEY + "\n");
    testbed = startTestbed();
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    String pagerUrl = pager.url("pager").toString();
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=0",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=" + temporal,
                "--runbook.catalog.dir=" + Path.of("../runbooks-yaml").toAbsolutePath().normalize(),
                "--runbook.data-dir=" + data.resolve("worker"),
                "--runbook.intake.dispatcher.interval=50ms",
                "--runbook.intake.allow-unauthenticated=true",
                "--runbook.datasources.juggernaut.url=" + jdbcUrl(),
                "--runbook.routes.oncall.type=pagerduty",
                "--runbook.routes.oncall.url=" + pagerUrl + "/v2/enqueue",
                "--runbook.routes.oncall.routing-key=file:" + routingKey.toAbsolutePath(),
                "--runbook.routes.engineering.type=slack",
                "--runbook.routes.engineering.url=" + pagerUrl + "/slack/engineering");
    api = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "seed-harness-stop"));
  }

  /** The harness of this JVM, started on first use. */
  public static synchronized SeedHarness get() {
    if (instance == null) {
      try {
        instance = new SeedHarness();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the seed harness", e);
      }
    }
    return instance;
  }

  private Testbed startTestbed() throws Exception {
    return Testbed.start(
        new TestbedOptions(
            "127.0.0.1",
            Map.of(),
            true,
            data.resolve("testbed-" + System.nanoTime()),
            jdbcUrl(),
            0,
            Set.of("jarvis", "unified", "juggernaut", "miniminimoon", "razar")));
  }

  private String jdbcUrl() {
    return seedDatabase.getJdbcUrl("postgres", "postgres");
  }

  /**
   * Starts the seed systems anew on new ports and empties the pager, the restart ledger and the
   * quarantine; returns this harness. Call it at the start of every test.
   */
  public synchronized SeedHarness fresh() {
    try {
      testbed.close();
      testbed = startTestbed();
    } catch (Exception e) {
      throw new IllegalStateException("cannot restart the testbed", e);
    }
    pager.resetAll();
    try (Connection c = app.getBean(DataSource.class).getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM restart_ledger");
      s.execute("DELETE FROM quarantine");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * Sets (or with {@code null} removes) the listener told of every run {@link #awaitRun} sees
   * closed; the replay recorder uses it.
   */
  public static void listen(RunListener runs) {
    listener = runs;
  }

  /** Told of a run that {@link #awaitRun} saw closed, before {@code awaitRun} returns. */
  @FunctionalInterface
  public interface RunListener {
    /** The run with this workflow id has closed. */
    void closed(SeedHarness harness, String workflowId);
  }

  /** The worker's Temporal client. */
  public io.temporal.client.WorkflowClient client() {
    return app.getBean(io.temporal.client.WorkflowClient.class);
  }

  /** The seed systems of the current test. */
  public Testbed testbed() {
    return testbed;
  }

  /** The pager (escalation receiver) system. */
  public PagerSystem pager() {
    return pager.system(PagerSystem.class);
  }

  /** The pager's base URL. */
  public URI pagerUrl() {
    return pager.url("pager");
  }

  /** The Juggernaut database the worker's {@code juggernaut} datasource reaches. */
  public DataSource seedDatabase() {
    return seedDatabase.getPostgresDatabase();
  }

  /** The worker's base URL, such as {@code http://127.0.0.1:41234}. */
  public String api() {
    return api;
  }

  /**
   * Posts a firing alert for a seed system the way Alertmanager does (webhook payload version 4),
   * with {@code instance} = the system's {@code host:port} and {@code job} = its name added to the
   * labels, waits until the intake has dispatched it and returns the ids of the runs it started
   * (empty when it started none: see the alert's routes in {@code /api/alerts/{id}}).
   */
  public List<String> fire(String system, String alertname, Map<String, String> labels) {
    return fire(system, alertname, labels, Map.of());
  }

  /** As {@link #fire(String, String, Map)} with annotations. */
  public List<String> fire(
      String system,
      String alertname,
      Map<String, String> labels,
      Map<String, String> annotations) {
    JsonNode alert =
        post("/webhooks/alertmanager", payload("firing", system, alertname, labels, annotations));
    return dispatched(alert);
  }

  /** Posts the resolved notification of an alert fired with {@link #fire}. */
  public JsonNode resolve(String system, String alertname, Map<String, String> labels) {
    JsonNode accepted =
        post("/webhooks/alertmanager", payload("resolved", system, alertname, labels, Map.of()));
    return awaitAlert(accepted.path("ids").path(0).asLong());
  }

  /** The labels {@link #fire} sends for a system: the given ones plus instance and job. */
  public Map<String, String> labels(String system, String alertname, Map<String, String> labels) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put("alertname", alertname);
    all.putIfAbsent("instance", testbed.instance(system));
    all.putIfAbsent("job", system);
    return all;
  }

  private ObjectNode payload(
      String status,
      String system,
      String alertname,
      Map<String, String> labels,
      Map<String, String> annotations) {
    Map<String, String> all = labels(system, alertname, labels);
    ObjectNode body = JSON.createObjectNode();
    body.put("receiver", "runbooks");
    body.put("status", status);
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", status);
    alert.set("labels", JSON.valueToTree(all));
    alert.set("annotations", JSON.valueToTree(annotations));
    Instant now = Instant.now();
    alert.put("startsAt", now.minusSeconds(60).toString());
    alert.put("endsAt", status.equals("resolved") ? now.toString() : "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=" + alertname);
    alert.put("fingerprint", Integer.toHexString(all.hashCode()));
    body.set("groupLabels", JSON.valueToTree(Map.of("alertname", alertname)));
    body.set("commonLabels", JSON.valueToTree(all));
    body.set("commonAnnotations", JSON.valueToTree(annotations));
    body.put("externalURL", "http://alertmanager:9093");
    body.put("version", "4");
    body.put("groupKey", "{}:{alertname=\"" + alertname + "\"}");
    body.put("truncatedAlerts", 0);
    return body;
  }

  private List<String> dispatched(JsonNode accepted) {
    assertThat(accepted.path("ids").size()).as(accepted.toString()).isEqualTo(1);
    JsonNode alert = awaitAlert(accepted.path("ids").path(0).asLong());
    List<String> started = new ArrayList<>();
    for (JsonNode route : alert.path("routes")) {
      if (route.path("action").asText().equals("started")) {
        started.add(route.path("workflowId").asText());
      }
    }
    return started;
  }

  /** Waits until the intake has handled an alert and returns its detail. */
  public JsonNode awaitAlert(long id) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      JsonNode alert = get("/api/alerts/" + id);
      if (!alert.path("state").asText().equals("pending")) {
        return alert;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("alert " + id + " still pending after 30s: " + alert);
      }
      pause(50);
    }
  }

  /** Starts a runbook by hand through the API and returns the workflow id. */
  public String start(String runbook, Map<String, Object> inputs) {
    return post("/api/runbooks/" + runbook + "/runs", inputs).path("workflowId").asText();
  }

  /** The run as {@code GET /api/runs/{id}} shows it. */
  public JsonNode run(String workflowId) {
    return get("/api/runs/" + workflowId);
  }

  /**
   * Waits until a run closes and returns {@code GET /api/runs/{id}}: {@code report} for a completed
   * run ({@code report.outcome} is resolved, escalated, failed or aborted), {@code error}
   * otherwise.
   */
  public JsonNode awaitRun(String workflowId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode run = run(workflowId);
      String status = run.path("executionStatus").asText();
      if (!status.isEmpty() && !status.equals("running")) {
        RunListener closed = listener;
        if (closed != null) {
          closed.closed(this, workflowId);
        }
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "run " + workflowId + " still running after " + timeout + ": " + run.path("status"));
      }
      pause(100);
    }
  }

  /** Waits until a running run waits for an approval and returns its status. */
  public JsonNode awaitApproval(String workflowId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode run = run(workflowId);
      JsonNode status = run.path("status");
      if (status.toString().contains("\"approval\"") || status.path("waiting").has("approval")) {
        return status;
      }
      if (!run.path("executionStatus").asText().equals("running")
          && !run.path("executionStatus").asText().isEmpty()) {
        throw new AssertionError(
            "run " + workflowId + " closed without asking for approval: " + run);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("run " + workflowId + " not waiting for approval: " + status);
      }
      pause(100);
    }
  }

  /**
   * Approves (or with {@code approve=false} rejects) the pending approval of a run. The API takes
   * the decider from the caller; {@code approver} travels in the body, which the API ignores.
   */
  public JsonNode decide(String workflowId, boolean approve, String approver, String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("approver", approver);
    body.put("comment", comment);
    return post("/api/runs/" + workflowId + "/" + (approve ? "approve" : "reject"), body);
  }

  /** The audit trail rows of a run, oldest first. */
  public List<JsonNode> audit(String workflowId) {
    JsonNode rows = get("/api/audit?limit=500");
    List<JsonNode> mine = new ArrayList<>();
    for (JsonNode row : rows.path("entries")) {
      if (row.path("workflowId").asText().equals(workflowId)) {
        mine.add(0, row);
      }
    }
    return mine;
  }

  /**
   * The audit rows of a run's remediation actions, oldest first: {@link #audit} without the rows of
   * plain {@code http} requests that change things ({@code http.post}, ...), which every such
   * request writes.
   */
  public List<JsonNode> remediationAudit(String workflowId) {
    return audit(workflowId).stream()
        .filter(row -> !row.path("action").asText().startsWith("http."))
        .toList();
  }

  /** The ids of the steps a run's report lists as run (in report order), for path assertions. */
  public static List<String> stepsRun(JsonNode run) {
    List<String> ids = new ArrayList<>();
    JsonNode steps = run.path("report").path("steps");
    if (steps.isArray()) {
      for (JsonNode step : steps) {
        if (!step.path("status").asText().equals("skipped")) {
          ids.add(step.path("id").asText());
        }
      }
    }
    return ids;
  }

  /** GET on the worker (path) or any URL; the body as JSON. */
  public JsonNode get(String pathOrUrl) {
    return send(TestCredentials.request(uri(pathOrUrl)).GET());
  }

  /** POST a JSON body to the worker (path) or any URL; the answer as JSON. */
  public JsonNode post(String pathOrUrl, Object body) {
    try {
      return send(
          TestCredentials.request(uri(pathOrUrl))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DELETE on the worker (path) or any URL. */
  public JsonNode delete(String pathOrUrl) {
    return send(TestCredentials.request(uri(pathOrUrl)).DELETE());
  }

  /** A URL-encoded query value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : api + pathOrUrl);
  }

  private static JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode json;
      try {
        json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        json = JSON.getNodeFactory().textNode(body);
      }
      if (json.isObject()) {
        ((ObjectNode) json).put("httpStatus", response.statusCode());
      } else if (json.isArray()) {
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("items", (ArrayNode) json);
        wrapped.put("httpStatus", response.statusCode());
        json = wrapped;
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sleeps a while; an interrupt ends the test. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private synchronized void close() {
    app.close();
    testbed.close();
    pager.close();
    try {
      seedDatabase.close();
    } catch (IOException e) {
      // the JVM is exiting
    }
  }
}

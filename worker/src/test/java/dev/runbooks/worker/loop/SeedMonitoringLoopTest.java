package dev.runbooks.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.worker.loop.SeedLoopScenarios.Scenario;
import dev.runbooks.worker.seeds.SeedHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full loop with real parts, for one procedure of each seed system: the real Prometheus
 * (Debian) scrapes the testbed and the engine with the repository's {@code
 * docker/prometheus/prometheus-local.yml} and evaluates {@code docker/prometheus/rules/*.yml} (the
 * scenarios' alerts with their {@code for:} shortened to 1s), the real Alertmanager posts to the
 * engine's webhook with {@code docker/alertmanager/alertmanager.yml} (1s group wait and interval),
 * the alert starts the runbook, the runbook recovers the testbed, the alert resolves and the
 * resolve is routed to the run. One Prometheus and one Alertmanager serve all the scenarios.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedMonitoringLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration RUN = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> INSTANCES = new HashMap<>();
  private static SeedHarness harness;
  private static Inbox inbox;
  private static RealAlertmanager alertmanager;
  private static RealPrometheus prometheus;

  static Stream<Scenario> scenarios() {
    return SeedLoopScenarios.all().stream();
  }

  @BeforeAll
  static void start() throws Exception {
    harness = SeedHarness.get().fresh();
    inbox = new Inbox(harness);
    Path data = Files.createDirectories(Path.of("target/test-data/loop-" + System.nanoTime()));
    alertmanager =
        new RealAlertmanager(
            data.resolve("alertmanager"), LoopConfig.alertmanager(harness.api()), WAIT);
    for (String system : harness.testbed().systems()) {
      INSTANCES.put(system, harness.testbed().instance(system));
    }
    prometheus =
        new RealPrometheus(
            data.resolve("prometheus"),
            LoopConfig.prometheus(
                harness.api().replace("http://", ""), INSTANCES, alertmanager.address()),
            LoopConfig.rules(scenarios().map(Scenario::alertname).collect(Collectors.toSet())),
            WAIT);
  }

  @AfterAll
  static void stop() {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      if (alertmanager != null) {
        alertmanager.close();
      }
    }
  }

  @Test
  @Order(1)
  void prometheusScrapesTheEngineAndEverySeedSystemAndNoRuleHoldsWhileAllIsHealthy()
      throws Exception {
    Map<String, String> expected = new HashMap<>(INSTANCES);
    expected.put("runbook-engine", harness.api().replace("http://", ""));
    JsonNode targets = await("every target up", () -> allUp(expected.size()));
    Map<String, String> scraped = new HashMap<>();
    for (JsonNode target : targets) {
      scraped.put(
          target.path("labels").path("job").asText(),
          target.path("labels").path("instance").asText());
    }
    assertThat(scraped).isEqualTo(expected);

    Instant up = Instant.now();
    JsonNode groups =
        await("two evaluations of every rule group on scraped data", () -> evaluatedAfter(up));
    List<String> names = groups.findValuesAsText("name");
    assertThat(names)
        .contains(
            "jarvis",
            "unified",
            "juggernaut",
            "miniminimoon-causes",
            "miniminimoon-symptoms",
            "razar",
            "runbook-engine");
    assertThat(groups.findValuesAsText("health")).as(groups.toString()).containsOnly("ok");
    JsonNode active = JSON.readTree(prometheus.alerts()).path("data").path("alerts");
    assertThat(active).as("alerts pending or firing on the healthy testbed").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @Order(2)
  void theRuleStartsTheRunbookWhichRecoversTheSystemAndTheResolveIsRoutedToTheRun(Scenario s)
      throws Exception {
    String base = harness.testbed().url(s.system()).toString();
    String instance = harness.testbed().instance(s.system());
    long since = inbox.newestId();
    long injectedAt = System.nanoTime();
    JsonNode injected = harness.post(base + "/admin/faults/" + s.fault(), s.params());
    assertThat(injected.path("httpStatus").asInt()).as(injected.toString()).isEqualTo(200);

    JsonNode firing =
        await(
            "the firing " + s.alertname() + " posted by Alertmanager",
            () -> inbox.handled(since, s.alertname(), "firing", instance));
    assertThat(firing.path("alert").path("labels").path("job").asText()).isEqualTo(s.system());
    assertThat(firing.path("routes")).as(firing.toString()).hasSize(1);
    JsonNode started = firing.path("routes").get(0);
    assertThat(started.path("runbook").asText()).isEqualTo(s.runbook());
    assertThat(started.path("action").asText()).as(started.toString()).isEqualTo("started");
    String workflowId = started.path("workflowId").asText();
    long startedAt = System.nanoTime();
    Set<String> allowed = new HashSet<>(s.companions());
    allowed.add(s.alertname());
    assertThat(holding(instance))
        .as("alerts pending or firing on %s: the fault's, and no other runbook's", instance)
        .contains(s.alertname())
        .isSubsetOf(allowed);

    JsonNode run = harness.awaitRun(workflowId, RUN);
    long endedAt = System.nanoTime();
    JsonNode report = run.path("report");
    assertThat(report.path("outcome").asText()).as(run.toString()).isEqualTo("resolved");
    assertThat(report.path("runId").asText()).isEqualTo(started.path("runId").asText());
    JsonNode state = harness.get(base + "/admin/state");
    assertThat(s.recovered().test(state)).as("%s: %s", s.recoveredWhen(), state).isTrue();

    String fingerprint = firing.path("fingerprint").asText();
    JsonNode resolved =
        await(
            "the resolved " + s.alertname() + " posted by Alertmanager",
            () -> inbox.handled(firing.path("id").asLong(), s.alertname(), "resolved", instance));
    long resolvedAt = System.nanoTime();
    assertThat(resolved.path("fingerprint").asText()).isEqualTo(fingerprint);
    assertThat(resolved.path("routes")).as(resolved.toString()).hasSize(1);
    assertResolveRouted(s, resolved.path("routes").get(0), report, fingerprint);

    List<JsonNode> routes = inbox.routes(since, s.alertname(), fingerprint);
    assertThat(routes)
        .as("every route of the incident names the one run")
        .allSatisfy(r -> assertThat(r.path("workflowId").asText()).isEqualTo(workflowId))
        .filteredOn(r -> r.path("action").asText().equals("started"))
        .hasSize(1);
    long received =
        Duration.between(
                Instant.parse(report.path("endedAt").asText()),
                Instant.parse(resolved.path("receivedAt").asText()))
            .toMillis();
    System.out.printf(
        "SeedMonitoringLoopTest %s: seen %.1f s after the fault: the run started; %.1f s: the"
            + " run ended; %.1f s: the resolve was routed. The resolve came %d ms %s the run's end"
            + " and was %s.%n",
        s,
        seconds(injectedAt, startedAt),
        seconds(injectedAt, endedAt),
        seconds(injectedAt, resolvedAt),
        Math.abs(received),
        received < 0 ? "before" : "after",
        resolved.path("routes").get(0).path("action").asText());
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  /**
   * The resolve names the run. When it found the run in flight (its {@code runId}), the trigger's
   * {@code onResolved} decided: {@code signal} delivers {@code alertResolved}, which the run's
   * report lists among its events; {@code ignore} leaves the run alone. When the run had ended, the
   * resolve is linked to it (its run id and when it ended) and ignored, or, when the run ended
   * between the dispatcher's look and its signal, ignored with that said. A runbook that watches
   * the system after its fix must get the resolve in flight.
   */
  private static void assertResolveRouted(
      Scenario s, JsonNode route, JsonNode report, String fingerprint) {
    String describe = "resolve route " + route + "; run ended " + report.path("endedAt");
    String action = route.path("action").asText();
    String message = route.path("message").asText();
    boolean found = route.path("runId").asText().equals(report.path("runId").asText());
    boolean closing = found && message.equals("the run closed before the resolve reached it");
    boolean ended = found && message.startsWith("the run had ended");
    assertThat(route.path("workflowId").asText()).isEqualTo(report.path("workflowId").asText());
    if (s.watchesAfterFix()) {
      assertThat(found && !closing && !ended)
          .as("the run still watched when the resolve came; " + describe)
          .isTrue();
    }
    if (!found) {
      throw new AssertionError("the resolve was not linked to the run: " + describe);
    } else if (ended) {
      assertThat(action).as(describe).isEqualTo("ignored");
      assertThat(Instant.parse(route.path("at").asText()))
          .as(describe)
          .isAfterOrEqualTo(Instant.parse(route.path("runEndedAt").asText()))
          .isAfterOrEqualTo(Instant.parse(report.path("endedAt").asText()));
    } else if (closing) {
      assertThat(action).as(describe).isEqualTo("ignored");
    } else if (s.onResolved().equals(SeedLoopScenarios.IGNORE)) {
      assertThat(action).as(describe).isEqualTo("ignored");
      assertThat(message).as(describe).isEqualTo("onResolved: ignore");
    } else {
      assertThat(action).as(describe).isEqualTo("resolved");
      assertThat(report.path("events"))
          .as("the run's events")
          .anySatisfy(
              e -> {
                assertThat(e.path("event").asText()).isEqualTo("alertResolved");
                assertThat(e.path("fingerprint").asText()).isEqualTo(fingerprint);
              });
    }
  }

  /** The names of the alerts Prometheus holds pending or firing for an instance. */
  private static Set<String> holding(String instance) throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode alert : JSON.readTree(prometheus.alerts()).path("data").path("alerts")) {
      if (alert.path("labels").path("instance").asText().equals(instance)) {
        names.add(alert.path("labels").path("alertname").asText());
      }
    }
    return names;
  }

  /** The active targets once all of them are up, else null. */
  private static JsonNode allUp(int count) throws Exception {
    JsonNode targets = JSON.readTree(prometheus.targets()).path("data").path("activeTargets");
    if (targets.size() != count) {
      return null;
    }
    for (JsonNode target : targets) {
      if (!target.path("health").asText().equals("up")) {
        return null;
      }
    }
    return targets;
  }

  /** The rule groups once each was evaluated twice since {@code since}, else null. */
  private static JsonNode evaluatedAfter(Instant since) throws Exception {
    JsonNode groups = JSON.readTree(prometheus.rules()).path("data").path("groups");
    for (JsonNode group : groups) {
      String last = group.path("lastEvaluation").asText();
      if (last.isEmpty() || Instant.parse(last).isBefore(since.plusSeconds(2))) {
        return null;
      }
    }
    return groups.isEmpty() ? null : groups;
  }

  /** Polls until the probe gives a value; fails after {@link #WAIT} with what each part shows. */
  private static <T> T await(String what, Callable<T> probe) throws Exception {
    return Poll.until(what, WAIT, probe, SeedMonitoringLoopTest::whatEachPartShows);
  }

  private static String whatEachPartShows() throws Exception {
    return String.join(
        "\n",
        "--- Prometheus alerts: " + prometheus.alerts(),
        "--- Alertmanager alerts: " + alertmanager.alerts(),
        "--- the engine's newest alerts: " + inbox.recent(),
        prometheus.logTail(),
        alertmanager.logTail());
  }
}

package dev.runbooks.worker.seeds.unified;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's view of the unified testbed system beyond {@link SeedSystem}: agents, request bodies,
 * child runs and audit rows in its own words.
 */
final class Unified extends SeedSystem {
  private Unified() {
    super("unified", Duration.ofSeconds(90));
  }

  /** Fresh systems on new ports; the unified system runs the core profile, all healthy. */
  static Unified fresh() {
    return new Unified();
  }

  /** One agent's true state. */
  JsonNode agent(String name) {
    return state().path("agents").path(name);
  }

  /** The bodies of the requests to one path. */
  List<JsonNode> bodies(String method, String path) {
    return requests(method, path).stream().map(r -> r.path("body")).toList();
  }

  /** How many times the system received this request. */
  long count(String request) {
    return requests().stream().filter(request::equals).count();
  }

  /** The workflow id of the n-th child run a call step started. */
  static String child(String parent, String step, int n) {
    return parent + "/" + step + "/" + n;
  }

  /** The audit rows of a run's http requests that changed things, as "action path outcome". */
  List<String> httpAudit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.audit(workflowId)) {
      String action = row.path("action").asText();
      if (action.startsWith("http.")) {
        rows.add(
            action
                + " "
                + java.net.URI.create(row.path("target").asText()).getPath()
                + " "
                + row.path("outcome").asText());
      }
    }
    return rows;
  }

  /**
   * The remediation audit rows of a run as "action target outcome", the target cut to its first
   * word (an escalation's target is the route name and then its endpoint).
   */
  @Override
  public List<String> audit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      rows.add(
          row.path("action").asText()
              + " "
              + row.path("target").asText().split(" ")[0]
              + " "
              + row.path("outcome").asText());
    }
    return rows;
  }

  /** Whether every agent of the profile is healthy in this state. */
  static boolean allHealthy(JsonNode state, List<String> agents) {
    return agents.stream().allMatch(a -> state.path("agents").path(a).path("healthy").asBoolean());
  }

  /** The 16 agents of the core profile. */
  static final List<String> CORE =
      List.of(
          "ServiceRegistry",
          "SystemDigitalTwin",
          "ObservabilityHub",
          "LazyLoader",
          "RequestCoordinator",
          "ModelManagerSuite",
          "VRAMOptimizerAgent",
          "MemoryClient",
          "SessionMemoryAgent",
          "KnowledgeBase",
          "AudioCapture",
          "FusedAudioPreprocessor",
          "WakeWordDetector",
          "StreamingSpeechRecognition",
          "StreamingTTSAgent",
          "StreamingInterruptHandler");
}

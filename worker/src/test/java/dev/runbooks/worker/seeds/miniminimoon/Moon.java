package dev.runbooks.worker.seeds.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One MINIMINIMOON test's view of the seed harness beyond {@link SeedSystem}: its data directory,
 * alerts by severity, requests by path and body, and audit rows and Slack messages in its words.
 */
final class Moon extends SeedSystem {
  static final String SYSTEM = "miniminimoon";

  private Moon() {
    super(SYSTEM, Duration.ofSeconds(60));
  }

  /** A fresh testbed (new port, so new dedup keys) for one test. */
  static Moon fresh() {
    return new Moon();
  }

  /** The data directory the system keeps its real files in. */
  Path dataDir() {
    return Path.of(state().path("data_dir").asText());
  }

  /** Fires the alert as Alertmanager would and returns the one run it started. */
  String fire(String alertname, String severity) {
    return fire(alertname, Map.of("severity", severity));
  }

  /** The mutating calls the system received for a path (optionally only some bodies). */
  List<JsonNode> requests(String path, Predicate<JsonNode> body) {
    return requestLog().stream()
        .filter(r -> r.path("path").asText().equals(path) && body.test(r.path("body")))
        .toList();
  }

  /** The mutating calls the system received for a path. */
  List<JsonNode> requests(String path) {
    return requests(path, b -> true);
  }

  /** The Slack messages the engineering route delivered. */
  List<String> engineeringMessages() {
    List<String> texts = new ArrayList<>();
    for (JsonNode message : engineering()) {
      texts.add(message.path("body").path("text").asText());
    }
    return texts;
  }

  /**
   * The audit rows of a run as "step action target outcome" lines, the target cut to its first word
   * (an escalation's target is the route name and then its endpoint).
   */
  @Override
  public List<String> audit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      rows.add(
          row.path("step").asText()
              + " "
              + row.path("action").asText()
              + " "
              + row.path("target").asText().split(" ")[0]
              + " "
              + row.path("outcome").asText());
    }
    return rows;
  }
}

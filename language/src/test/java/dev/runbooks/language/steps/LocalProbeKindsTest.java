package dev.runbooks.language.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which step configs run as local activities ({@link ActionKind#runsLocally}): only read-only
 * probes of kinds that do not heartbeat, and among the kinds shipped exactly http GET/HEAD, tcp,
 * tls and prometheus.
 */
class LocalProbeKindsTest {
  /** A config of each kind as a runbook could write it, with the fields its checks read. */
  private static final Map<String, List<Map<String, Object>>> CONFIGS =
      Map.of(
          "http",
          List.of(
              Map.of("url", "http://svc/health"),
              Map.of("method", "GET", "url", "http://svc/health"),
              Map.of("method", "head", "url", "http://svc/health"),
              Map.of("method", "POST", "url", "http://svc/reset"),
              Map.of("method", "DELETE", "url", "http://svc/cache")),
          "tcp",
          List.of(Map.of("host", "db", "port", 5432L)),
          "tls",
          List.of(Map.of("host", "api.example.com")),
          "prometheus",
          List.of(Map.of("url", "http://prom:9090", "query", "up")),
          "command",
          List.of(
              Map.of("argv", List.of("df"), "readOnly", true), Map.of("argv", List.of("rm", "x"))));

  @Test
  void onlyReadOnlyConfigsOfKindsThatDoNotHeartbeatRunLocally() {
    for (ActionKind kind : ActionKinds.all()) {
      for (Map<String, Object> config : CONFIGS.getOrDefault(kind.name(), List.of(Map.of()))) {
        if (kind.runsLocally(config)) {
          assertThat(kind.mutating(config)).as("%s %s mutates", kind.name(), config).isFalse();
          assertThat(kind.heartbeats()).as("%s heartbeats", kind.name()).isFalse();
        }
      }
    }
  }

  @Test
  void theShippedLocalProbesAreHttpReadsTcpTlsAndPrometheus() {
    TreeSet<String> local = new TreeSet<>();
    for (ActionKind kind : ActionKinds.all()) {
      for (Map<String, Object> config : CONFIGS.getOrDefault(kind.name(), List.of(Map.of()))) {
        if (kind.runsLocally(config)) {
          local.add(kind.name() + (config.containsKey("method") ? " " + config.get("method") : ""));
        }
      }
    }

    assertThat(local).containsExactly("http", "http GET", "http head", "prometheus", "tcp", "tls");
  }
}

package dev.runbooks.language.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What each action kind names as its target (blast radius, explanations, reports) and whether a
 * config mutates, read from the rendered config.
 */
class ActionTargetTest {
  private static ActionKind kind(String name) {
    return ActionKinds.find(name).orElseThrow();
  }

  @Test
  void restartTargetsItsService() {
    assertThat(kind("restart").target(Map.of("target", "juggernaut-api", "systemd", "jug")))
        .contains("juggernaut-api");
    assertThat(kind("restart").target(Map.of("systemd", "jug"))).isEmpty();
  }

  @Test
  void circuitBreakerTargetsTheBreakerName() {
    assertThat(
            kind("circuitBreaker")
                .target(Map.of("base", "http://jarvis:8742", "action", "reset", "name", "gen")))
        .contains("gen");
    assertThat(kind("circuitBreaker").target(Map.of("base", "http://jarvis:8742"))).isEmpty();
  }

  @Test
  void dlqTargetsTheQueueItsDatasourceAndTableName() {
    assertThat(kind("dlq").target(Map.of("datasource", "jug", "action", "retry")))
        .contains("jug/dead_letter_queue");
    assertThat(kind("dlq").target(Map.of("datasource", "jug", "table", "failed_tasks")))
        .contains("jug/failed_tasks");
    assertThat(kind("dlq").target(Map.of("table", "failed_tasks"))).isEmpty();
  }

  @Test
  void httpTargetsTheHostOfItsUrl() {
    assertThat(
            kind("http")
                .target(Map.of("url", "https://API.example.com:8443/x?y=1", "method", "POST")))
        .contains("api.example.com");
    assertThat(kind("http").target(Map.of("url", "not a url"))).isEmpty();
    assertThat(kind("http").target(Map.of("url", "/relative/path"))).isEmpty();
  }

  @Test
  void commandTargetsItsArgvJoinedBySpaces() {
    assertThat(kind("command").target(Map.of("argv", List.of("systemctl", "restart", "nginx"))))
        .contains("systemctl restart nginx");
    assertThat(kind("command").target(Map.of("argv", List.of()))).isEmpty();
  }

  @Test
  void sqlTargetsItsDatasource() {
    assertThat(kind("sql").target(Map.of("datasource", "orders", "query", "SELECT 1")))
        .contains("orders");
  }

  @Test
  void kindsWithoutATargetNameNone() {
    assertThat(kind("prometheus").target(Map.of("url", "http://p:9090", "query", "up")))
        .isEqualTo(Optional.empty());
    assertThat(kind("tcp").target(Map.of("host", "db", "port", 5432L))).isEmpty();
    assertThat(kind("escalate").target(Map.of("route", "oncall"))).isEmpty();
  }

  @Test
  void aCommandMutatesUnlessItSaysMutatingFalse() {
    ActionKind command = kind("command");

    assertThat(command.mutating(Map.of("argv", List.of("rm", "x")))).isTrue();
    assertThat(command.mutating(Map.of("argv", List.of("rm", "x"), "mutating", true))).isTrue();
    assertThat(command.mutating(Map.of("argv", List.of("df"), "mutating", false))).isFalse();
  }

  @Test
  void aReadOnlyCommandDoesNotMutate() {
    ActionKind command = kind("command");

    assertThat(command.mutating(Map.of("argv", List.of("df"), "readOnly", true))).isFalse();
    assertThat(command.mutating(Map.of("argv", List.of("rm", "x"), "readOnly", false))).isTrue();
  }
}

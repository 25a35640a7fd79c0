package dev.runbooks.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How {@link LoopConfig} turns the repository's monitoring examples into the loop test's. */
class LoopConfigTest {
  private static final Path RULES =
      Path.of("").toAbsolutePath().getParent().resolve("docker/prometheus/rules");

  @Test
  void prometheusScrapesTheGivenAddressesEverySecondAndSendsToTheGivenAlertmanager()
      throws Exception {
    String config =
        LoopConfig.prometheus(
            "127.0.0.1:1000",
            Map.of(
                "jarvis", "127.0.0.1:1001",
                "unified", "127.0.0.1:1002",
                "juggernaut", "127.0.0.1:1003",
                "miniminimoon", "127.0.0.1:1004",
                "razar", "127.0.0.1:1005"),
            "127.0.0.1:1009");
    String settings =
        config.lines().filter(l -> !l.trim().startsWith("#")).collect(Collectors.joining("\n"));

    assertThat(settings)
        .contains("scrape_interval: 1s", "evaluation_interval: 1s", "rule_files:")
        .contains("targets: [\"127.0.0.1:1009\"]", "targets: [\"127.0.0.1:1000\"]")
        .containsPattern("job_name: jarvis\\s+static_configs:\\s+- targets: \\[\"127.0.0.1:1001\"]")
        .containsPattern("job_name: razar\\s+static_configs:\\s+- targets: \\[\"127.0.0.1:1005\"]")
        .doesNotContain("15s", ":8080", ":9093", ":8742", ":7200", ":8300", ":8400", ":8500");
  }

  @Test
  void aSystemTheTestbedDoesNotHaveIsRefused() {
    assertThatThrownBy(
            () -> LoopConfig.prometheus("127.0.0.1:1", Map.of("nosuch", "127.0.0.1:2"), "x:3"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no testbed system nosuch");
  }

  @Test
  void onlyTheGivenAlertsGetAOneSecondFor() throws Exception {
    Map<String, String> rules = LoopConfig.rules(Set.of("RazarComponentHeartbeatLost"));

    assertThat(rules)
        .containsKeys("engine.yml", "jarvis.yml", "juggernaut.yml", "razar.yml", "unified.yml");
    String razar = rules.get("razar.yml");
    assertThat(razar)
        .containsOnlyOnce("for: 1s")
        .containsPattern("alert: RazarComponentHeartbeatLost[^-]+for: 1s")
        .containsPattern("alert: RazarBootFailed\\s+expr: [^\\n]+\\s+for: 1m");
    assertThat(razar.replace("for: 1s", "for: 1m"))
        .isEqualTo(Files.readString(RULES.resolve("razar.yml")));
    assertThat(rules.get("jarvis.yml")).isEqualTo(Files.readString(RULES.resolve("jarvis.yml")));
  }

  @Test
  void anAlertNoRuleDefinesIsRefused() {
    assertThatThrownBy(() -> LoopConfig.rules(Set.of("RazarBootFailed", "NoSuchAlert")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[RazarBootFailed]");
  }

  @Test
  void alertmanagerPostsToTheGivenEngineAfterOneSecondAndKeepsTheRest() throws Exception {
    String config = LoopConfig.alertmanager("http://127.0.0.1:1000");
    String settings =
        config.lines().filter(l -> !l.trim().startsWith("#")).collect(Collectors.joining("\n"));

    assertThat(settings)
        .contains("url: http://127.0.0.1:1000/webhooks/alertmanager")
        .contains("group_wait: 1s", "group_interval: 1s", "repeat_interval: 4h")
        .contains("send_resolved: true", "inhibit_rules:")
        .doesNotContain(":8080");
  }

  @Test
  void anExampleThatLostTheTextToReplaceFails() {
    assertThatThrownBy(() -> LoopConfig.replace("scrape_interval: 15s", "group_wait:\\s*\\S+", "x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no longer contains /group_wait");
  }
}

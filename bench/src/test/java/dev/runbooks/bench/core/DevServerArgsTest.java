package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevServerArgsTest {

  @Test
  void byDefaultTheSqlitePragmasThenTheProjectsDynamicConfigInItsOrder() {
    assertThat(DevServerArgs.parse(null))
        .containsExactly(
            "--sqlite-pragma",
            "journal_mode=wal",
            "--sqlite-pragma",
            "synchronous=normal",
            "--dynamic-config-value",
            "history.transferProcessorMaxPollRPS=1000",
            "--dynamic-config-value",
            "history.timerProcessorMaxPollRPS=1000",
            "--dynamic-config-value",
            "history.visibilityProcessorMaxPollRPS=1000",
            "--dynamic-config-value",
            "system.enableActivityEagerExecution=true",
            "--dynamic-config-value",
            "system.enableEagerWorkflowStart=true");
    assertThat(Stack.DEFAULT_TEMPORAL_ARGS).isEqualTo(DevServerArgs.DEFAULT);
  }

  @Test
  void benchTemporalArgsReplacesTheDefaultAndBlankMeansNone() {
    assertThat(DevServerArgs.parse("--sqlite-pragma,journal_mode=wal"))
        .containsExactly("--sqlite-pragma", "journal_mode=wal");
    assertThat(DevServerArgs.parse("  ")).isEmpty();
  }

  /**
   * The bench's dynamic config is the project's: each {@code key:} of
   * docker/temporal/dynamicconfig.yaml with its {@code - value:}, in the file's order.
   */
  @Test
  void theDynamicConfigIsTheOneInDockerTemporalDynamicconfigYaml() throws Exception {
    List<String> fromFile = new ArrayList<>();
    String key = null;
    for (String line :
        Files.readAllLines(Path.of("..", "docker", "temporal", "dynamicconfig.yaml"))) {
      if (line.matches("^[A-Za-z][A-Za-z0-9._]*:\\s*$")) {
        key = line.substring(0, line.indexOf(':'));
      } else if (key != null && line.trim().startsWith("- value:")) {
        fromFile.add("--dynamic-config-value");
        fromFile.add(key + "=" + line.trim().substring("- value:".length()).trim());
        key = null;
      }
    }
    assertThat(fromFile).isNotEmpty();
    assertThat(DevServerArgs.DYNAMIC_CONFIG).containsExactlyElementsOf(fromFile);
  }
}

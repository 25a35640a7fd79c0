package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackTest {

  @Test
  void onAnExternalServerTheWorkerRunsInTheBenchNamespaceWithoutADispatcher() {
    assertThat(
            Stack.externalWorkerArgs(
                new ExternalTemporal("127.0.0.1:37233", "runbook-bench", "postgres://u:p@h/db")))
        .containsExactly(
            "--runbook.temporal.namespace=runbook-bench",
            "--runbook.intake.dispatcher.enabled=false")
        .noneMatch(arg -> arg.contains("postgres"));
  }
}

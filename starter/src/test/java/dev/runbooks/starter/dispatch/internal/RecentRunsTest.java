package dev.runbooks.starter.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hint of runs last seen running: set, cleared, and bounded, the least recently used first. */
class RecentRunsTest {
  @Test
  void remembersRunningIdsUpToItsCapacityForgettingTheLeastRecentlyUsed() {
    RecentRuns recent = new RecentRuns(2);
    recent.sawRunning("runbook/a/1");
    recent.sawRunning("runbook/a/2");
    assertThat(recent.running("runbook/a/1")).isTrue(); // now the most recently used
    recent.sawRunning("runbook/a/3");
    assertThat(recent.running("runbook/a/2")).as("forgotten").isFalse();
    assertThat(recent.running("runbook/a/1")).isTrue();
    assertThat(recent.running("runbook/a/3")).isTrue();
    recent.sawClosed("runbook/a/1");
    assertThat(recent.running("runbook/a/1")).isFalse();
    assertThat(recent.running("runbook/b/never")).isFalse();
  }
}

package dev.runbooks.starter.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hint of workflow ids last seen with a run: set, cleared, and bounded, least recently used
 * first.
 */
class RecentRunsTest {
  @Test
  void remembersIdsWithARunUpToItsCapacityForgettingTheLeastRecentlyUsed() {
    RecentRuns recent = new RecentRuns(2);
    recent.sawRun("runbook/a/1");
    recent.sawRun("runbook/a/2");
    assertThat(recent.known("runbook/a/1")).isTrue(); // now the most recently used
    recent.sawRun("runbook/a/3");
    assertThat(recent.known("runbook/a/2")).as("forgotten").isFalse();
    assertThat(recent.known("runbook/a/1")).isTrue();
    assertThat(recent.known("runbook/a/3")).isTrue();
    recent.sawNone("runbook/a/1");
    assertThat(recent.known("runbook/a/1")).isFalse();
    assertThat(recent.known("runbook/b/never")).isFalse();
  }
}

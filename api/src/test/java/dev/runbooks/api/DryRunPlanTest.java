package dev.runbooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run's plan is its dry-run events, in order, and nothing else. */
class DryRunPlanTest {
  @Test
  void listsWhatWouldHaveBeenDoneInOrder() {
    List<Map<String, Object>> events =
        List.of(
            Map.of("at", "t1", "event", "started"),
            Map.of(
                "at",
                "t2",
                "event",
                "dryRunApproval",
                "step",
                "ask",
                "kind",
                "approval",
                "approvers",
                List.of("alice"),
                "prompt",
                "go?"),
            Map.of(
                "at",
                "t3",
                "event",
                "wouldRun",
                "step",
                "restart",
                "kind",
                "restart",
                "target",
                "api",
                "config",
                Map.of("service", "api")),
            Map.of(
                "at",
                "t4",
                "event",
                "dryRunWait",
                "step",
                "settle",
                "kind",
                "sleep",
                "wouldWaitMs",
                600000L,
                "waitedMs",
                1000L));

    List<DryRunPlan.Entry> plan = DryRunPlan.of(events);

    assertThat(plan)
        .containsExactly(
            new DryRunPlan.Entry(
                "t2",
                "dryRunApproval",
                "ask",
                "approval",
                null,
                Map.of("approvers", List.of("alice"), "prompt", "go?")),
            new DryRunPlan.Entry(
                "t3", "wouldRun", "restart", "restart", "api", Map.of("service", "api")),
            new DryRunPlan.Entry(
                "t4",
                "dryRunWait",
                "settle",
                "sleep",
                null,
                Map.of("wouldWaitMs", 600000L, "waitedMs", 1000L)));
    assertThat(DryRunPlan.of(null)).isEmpty();
  }
}

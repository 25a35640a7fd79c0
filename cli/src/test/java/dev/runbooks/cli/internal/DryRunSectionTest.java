package dev.runbooks.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run's report lists, in order, what it would have done; other runs get no section. */
class DryRunSectionTest {
  @Test
  void listsTheStepsNotDoneInOrderWithTargetAndRenderedConfig() {
    Map<String, Object> state =
        Map.of(
            "dryRun",
            true,
            "events",
            List.of(
                Map.of("at", "t0", "event", "started"),
                Map.of(
                    "at",
                    "t1",
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
                    "t2",
                    "event",
                    "wouldRun",
                    "step",
                    "restart_api",
                    "kind",
                    "restart",
                    "target",
                    "api",
                    "config",
                    Map.of("service", "api")),
                Map.of(
                    "at",
                    "t3",
                    "event",
                    "dryRunWait",
                    "step",
                    "settle",
                    "kind",
                    "sleep",
                    "wouldWaitMs",
                    600000L,
                    "waitedMs",
                    1000L)));

    String md = DryRunSection.markdown(state);

    assertThat(md)
        .isEqualTo(
            """
            ### Dry run: what would have been done

            | # | Step | Kind | Target | Would have |
            | - | ---- | ---- | ------ | ---------- |
            | 1 | `ask` | approval |  | waited for a decision; approved by dry-run |
            | 2 | `restart_api` | restart | `api` | sent `{"service":"api"}` |
            | 3 | `settle` | sleep |  | waited 600 s; the dry run waited less |

            """);
    assertThat(DryRunSection.markdown(Map.of("events", List.of()))).isEmpty();
  }
}

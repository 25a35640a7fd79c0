package dev.runbooks.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.RunReport;
import dev.runbooks.api.StepReport;
import dev.runbooks.language.expr.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run's report and events stay bounded however much the run did: the report is the workflow's
 * result and a checkpoint carries the events, and both must stay under Temporal's 2 MB payload
 * limit, or the run is terminated without compensation, {@code finally} or report.
 */
class RunStateBudgetTest {
  private static RunState state() {
    return new RunState("budget", "v1", null, "wf", "run", 1_000L);
  }

  @Test
  void eventsKeepTheFirstAndTheNewestAndCountTheOthers() {
    RunState state = state();
    for (int i = 0; i < 5_000; i++) {
      state.event("alertRepeated", Map.of("n", i), 2_000L + i);
    }
    List<Map<String, Object>> events = state.events();
    assertThat(events).hasSize(RunState.MAX_EVENTS + 1);
    assertThat(events.get(0).get("n")).isEqualTo(0);
    assertThat(events.get(RunState.FIRST_EVENTS_KEPT - 1).get("n"))
        .isEqualTo(RunState.FIRST_EVENTS_KEPT - 1);
    Map<String, Object> omitted = events.get(RunState.FIRST_EVENTS_KEPT);
    assertThat(omitted.get("event")).isEqualTo(RunState.EVENTS_OMITTED);
    assertThat(omitted.get("count")).isEqualTo(5_000L - RunState.MAX_EVENTS);
    assertThat(events.get(events.size() - 1).get("n")).isEqualTo(4_999);
    assertThat(events.get(RunState.FIRST_EVENTS_KEPT + 1).get("n"))
        .isEqualTo(5_000 - (RunState.MAX_EVENTS - RunState.FIRST_EVENTS_KEPT));
  }

  @Test
  void eventsRestoredFromACheckpointKeepCountingInTheSameMarker() throws Exception {
    RunState first = state();
    for (int i = 0; i < 1_500; i++) {
      first.event("alertRepeated", Map.of("n", i), 2_000L + i);
    }
    List<?> carried = Json.mapper().readValue(Json.write(first.events()), List.class);
    RunState next = state();
    next.restoreEvents(castList(carried), "continuedAsNew");
    for (int i = 1_500; i < 2_000; i++) {
      next.event("alertRepeated", Map.of("n", i), 2_000L + i);
    }
    assertThat(next.events()).hasSize(RunState.MAX_EVENTS + 1);
    assertThat(next.events().stream().filter(e -> "eventsOmitted".equals(e.get("event"))))
        .hasSize(1);
    assertThat(((Number) next.events().get(RunState.FIRST_EVENTS_KEPT).get("count")).longValue())
        .isEqualTo(1_000L);
  }

  @Test
  void aReportOfManyLargeResultsShowsSmallerPreviewsAndStaysUnderTheBudget() {
    RunState state = state();
    String big = "x".repeat(15_000); // under the per-step preview limit of 16 KiB
    for (int i = 0; i < 200; i++) {
      StepRecord rec = state.record("s" + i, null, "http");
      rec.start(2_000L);
      rec.succeed(Map.of("body", big), Map.of(), 3_000L, false);
    }
    state.finish(4_000L);
    RunReport report = state.report();
    int chars = Json.write(report).length();
    assertThat(chars).isLessThan(RunState.REPORT_BUDGET_CHARS);
    StepReport first = report.steps().get(0);
    assertThat(first.result()).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) first.result()).get("truncated")).isEqualTo(true);

    RunState small = state();
    StepRecord rec = small.record("one", null, "http");
    rec.start(2_000L);
    rec.succeed(Map.of("body", big), Map.of(), 3_000L, false);
    small.finish(4_000L);
    assertThat(((Map<?, ?>) small.report().steps().get(0).result()).get("body")).isEqualTo(big);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> castList(List<?> list) {
    return (List<Map<String, Object>>) list;
  }
}

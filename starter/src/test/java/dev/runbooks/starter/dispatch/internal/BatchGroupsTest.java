package dev.runbooks.starter.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchGroupsTest {

  @Test
  void rowsSharingAWorkflowIdStayTogetherInBatchOrder() {
    List<Set<String>> ids =
        List.of(
            Set.of("runbook/a/1"),
            Set.of("runbook/b/1"),
            Set.of("runbook/a/1"),
            Set.of(),
            Set.of("runbook/c/1"),
            Set.of("runbook/b/1"));

    assertThat(BatchGroups.of(ids))
        .containsExactly(List.of(0, 2), List.of(1, 5), List.of(3), List.of(4));
  }

  @Test
  void aRowWithTwoRoutesJoinsTheGroupsOfBoth() {
    List<Set<String>> ids =
        List.of(
            Set.of("runbook/a/1"),
            Set.of("runbook/b/1"),
            Set.of("runbook/c/1"),
            Set.of("runbook/b/1", "runbook/a/1"),
            Set.of("runbook/c/1"));

    assertThat(BatchGroups.of(ids)).containsExactly(List.of(0, 1, 3), List.of(2, 4));
  }

  @Test
  void aParallelismBelowOneIsRefused() {
    assertThatThrownBy(() -> new BatchDispatch(null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runbook.intake.dispatcher.parallelism must be at least 1, not 0");
  }

  @Test
  void anEmptyBatchHasNoGroups() {
    assertThat(BatchGroups.of(List.of())).isEmpty();
  }
}

package dev.runbooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outcomes and step states keep their wire names, {@code ended: <outcome>} included. */
class StatusWordsTest {
  @Test
  void outcomesHaveTheirWireNames() {
    assertThat(Outcome.RESOLVED.wire()).isEqualTo("resolved");
    assertThat(Outcome.of("escalated")).isEqualTo(Outcome.ESCALATED);
    assertThat(Outcome.parse("nonsense")).isNull();
    assertThat(Outcome.parse(null)).isNull();
    assertThatThrownBy(() -> Outcome.of("won")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stepStatesReadAndWriteTodaysStrings() {
    assertThat(StepState.DRY_RUN.wire()).isEqualTo("dry-run");
    assertThat(StepState.ended(Outcome.ESCALATED).wire()).isEqualTo("ended: escalated");
    assertThat(StepState.parse("ended: failed")).isEqualTo(StepState.ended(Outcome.FAILED));
    assertThat(StepState.parse("waiting").status().live()).isTrue();
    assertThat(StepState.parse("jumped")).isEqualTo(StepState.JUMPED);
    assertThatThrownBy(() -> StepState.parse("ended")).isInstanceOf(IllegalArgumentException.class);
    for (StepStatus s : StepStatus.values()) {
      if (s != StepStatus.ENDED) {
        assertThat(StepState.parse(s.wire())).isEqualTo(StepState.of(s));
      }
    }
  }

  @Test
  void childRunbookErrorTypesNameTheOutcome() {
    assertThat(ErrorTypes.childRunbook(Outcome.ESCALATED)).isEqualTo("ChildRunbookEscalated");
    assertThat(ErrorTypes.childRunbook(Outcome.RESOLVED_EXTERNALLY))
        .isEqualTo("ChildRunbookResolvedExternally");
    assertThat(Outcome.of("resolved-externally")).isEqualTo(Outcome.RESOLVED_EXTERNALLY);
    assertThat(ErrorTypes.childRunbook(Outcome.ABORTED)).isEqualTo("ChildRunbookAborted");
  }
}

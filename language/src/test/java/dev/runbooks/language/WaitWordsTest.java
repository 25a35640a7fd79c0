package dev.runbooks.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitWordsTest {
  @Test
  void acknowledgementNamesTheTierItsRouteAndTheSummary() {
    Map<String, Object> wait =
        Map.of("tier", 1, "tiers", 2, "route", "oncall", "summary", "disk full");
    assertThat(WaitWords.acknowledgement(wait))
        .isEqualTo("acknowledgement of tier 1/2 (oncall): disk full");
  }

  @Test
  void climbNamesTheNextTierItsRouteAndItsTime() {
    Map<String, Object> wait =
        Map.of("nextTier", 2, "nextRoute", "engineering", "nextAt", "2024-01-01T00:05:00Z");
    assertThat(WaitWords.climb(wait, String::valueOf))
        .isEqualTo("tier 2 (engineering) at 2024-01-01T00:05:00Z");
    assertThat(WaitWords.climb(wait, t -> "<" + t + ">"))
        .isEqualTo("tier 2 (engineering) at <2024-01-01T00:05:00Z>");
  }

  @Test
  void climbOnTheLastTierGivesUpOrSaysItIsTheLast() {
    assertThat(WaitWords.climb(Map.of("giveUpAt", "later"), t -> "<" + t + ">"))
        .isEqualTo("gives up at <later>");
    assertThat(WaitWords.climb(new HashMap<>(), String::valueOf)).isEqualTo("last tier");
  }

  @Test
  void approversAreListedOnlyWhenThereAreSome() {
    assertThat(WaitWords.approvers(List.of("alice", "bob"))).isEqualTo(" (approvers: alice, bob)");
    assertThat(WaitWords.approvers(List.of())).isEmpty();
    assertThat(WaitWords.approvers(null)).isEmpty();
    assertThat(WaitWords.approvers("alice")).isEmpty();
  }
}

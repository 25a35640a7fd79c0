package dev.runbooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The words of each wait, and its JSON: the kind names the variant, fields keep their order. */
class WaitTest {
  private static final Wait.Acknowledgement CLIMBING =
      new Wait.Acknowledgement(
          "page", "disk full", 1L, 2, "oncall", 2L, "engineering", "2024-01-01T00:05:00Z", null);

  @Test
  void anAcknowledgementNamesTheTierItsRouteTheSummaryAndTheNextTier() {
    assertThat(CLIMBING.words()).isEqualTo("acknowledgement of tier 1/2 (oncall): disk full");
    assertThat(CLIMBING.climb(String::valueOf))
        .isEqualTo("tier 2 (engineering) at 2024-01-01T00:05:00Z");
    assertThat(CLIMBING.summary(t -> "<" + t + ">"))
        .isEqualTo(
            "acknowledgement of tier 1/2 (oncall): disk full;"
                + " tier 2 (engineering) at <2024-01-01T00:05:00Z>");
    assertThat(CLIMBING.line("wf-1"))
        .isEqualTo(
            "page waits for an acknowledgement of tier 1/2 (oncall): disk full"
                + " (tier 2 (engineering) at 2024-01-01T00:05:00Z; bin/runbook ack wf-1)");
  }

  @Test
  void onTheLastTierALadderGivesUpOrSaysItIsTheLast() {
    Wait.Acknowledgement givesUp =
        new Wait.Acknowledgement(
            "page", "disk full", 2L, 2, "engineering", null, null, null, Optional.of("later"));
    Wait.Acknowledgement forever =
        new Wait.Acknowledgement(
            "page", "disk full", 2L, 2, "engineering", null, null, null, Optional.empty());
    assertThat(givesUp.climb(t -> "<" + t + ">")).isEqualTo("gives up at <later>");
    assertThat(forever.climb(String::valueOf)).isEqualTo("last tier");
  }

  @Test
  void approversAreListedOnlyWhenThereAreSome() {
    Wait.Approval some =
        new Wait.Approval("gate", "go?", List.of("alice", "bob"), "d", "reject", null);
    assertThat(some.approversWords()).isEqualTo(" (approvers: alice, bob)");
    assertThat(new Wait.Approval("gate", "go?", List.of(), "d", "reject", null).approversWords())
        .isEmpty();
    assertThat(new Wait.Approval("gate", "go?", null, "d", "reject", null).approversWords())
        .isEmpty();
    assertThat(some.summary(String::valueOf)).isEqualTo("approval: go? (approvers: alice, bob)");
    assertThat(some.line("wf-1"))
        .isEqualTo(
            "gate waits for approval: go? (approvers: alice, bob)"
                + " (deadline d; bin/runbook approve|reject wf-1)");
  }

  @Test
  void sleepAndWaitUntilSayUntilWhen() {
    assertThat(new Wait.Sleep("pause", "t").summary(x -> "<" + x + ">"))
        .isEqualTo("sleeping until <t>");
    assertThat(new Wait.Sleep("pause", "t").line("wf")).isEqualTo("pause sleeps until t");
    Wait.WaitUntil until = new Wait.WaitUntil("ready", "result.ok", 3, "n", "d");
    assertThat(until.summary(String::valueOf))
        .isEqualTo("until result.ok (probes so far 3, next probe n)");
    assertThat(until.line("wf"))
        .isEqualTo("ready waits until result.ok (probes so far 3, next probe n, deadline d)");
  }

  @Test
  void jsonKeepsTheKindSecondAndTheThreeStatesOfGiveUpAt() throws Exception {
    var mapper = ContractJson.mapper();
    assertThat(mapper.writeValueAsString(CLIMBING))
        .isEqualTo(
            "{\"step\":\"page\",\"kind\":\"acknowledgement\",\"summary\":\"disk full\",\"tier\":1,"
                + "\"tiers\":2,\"route\":\"oncall\",\"nextTier\":2,\"nextRoute\":\"engineering\","
                + "\"nextAt\":\"2024-01-01T00:05:00Z\"}");
    Wait.Acknowledgement forever =
        new Wait.Acknowledgement("page", null, 2L, 2, "x", null, null, null, Optional.empty());
    assertThat(mapper.writeValueAsString(forever)).endsWith("\"route\":\"x\",\"giveUpAt\":null}");
    Wait read =
        ContractJson.read(
            mapper.readValue(mapper.writeValueAsString(forever), Map.class), Wait.class);
    assertThat(read).isEqualTo(forever);
    assertThat(
            ContractJson.read(
                mapper.readValue(mapper.writeValueAsString(CLIMBING), Map.class), Wait.class))
        .isEqualTo(CLIMBING);
  }

  @Test
  void anUnknownKindIsNoWait() {
    assertThat(ContractJson.waitOrNull(Map.of("step", "x", "kind", "lock"))).isNull();
  }
}

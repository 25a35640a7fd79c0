package dev.runbooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionSealTest {
  private static final byte[] KEY =
      "a decision key of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
  private final DecisionSeal seal = new DecisionSeal(KEY);
  private final DecisionRequest alice =
      new DecisionRequest("alice", List.of("sre"), Channel.API, "ok", "gate", null, null);

  @Test
  void aSealedRequestVerifiesAfterTravellingAsAPayload() {
    DecisionRequest sealed = seal.seal("run-1", DecisionAction.APPROVE, alice);
    Map<String, Object> payload = sealed.toPayload(DecisionAction.APPROVE);

    assertThat(payload)
        .containsEntry("approver", "alice")
        .containsEntry("groups", List.of("sre"))
        .containsEntry("channel", "api")
        .containsKey("seal")
        .doesNotContainKey("reason");
    DecisionRequest read = DecisionRequest.from(DecisionAction.APPROVE, payload);
    assertThat(seal.verify("run-1", DecisionAction.APPROVE, read)).isTrue();
    assertThat(seal.seal("run-1", DecisionAction.APPROVE, alice)).isEqualTo(sealed);
  }

  @Test
  void anyChangedFieldOrAnotherKeyFailsVerification() {
    DecisionRequest sealed = seal.seal("run-1", DecisionAction.APPROVE, alice);
    String s = sealed.seal();

    assertThat(seal.verify("run-2", DecisionAction.APPROVE, sealed)).isFalse();
    assertThat(seal.verify("run-1", DecisionAction.REJECT, sealed)).isFalse();
    assertThat(
            seal.verify(
                "run-1",
                DecisionAction.APPROVE,
                new DecisionRequest("mallory", List.of("sre"), Channel.API, "ok", "gate", null, s)))
        .isFalse();
    assertThat(
            seal.verify(
                "run-1",
                DecisionAction.APPROVE,
                new DecisionRequest(
                    "alice", List.of("sre", "admins"), Channel.API, "ok", "gate", null, s)))
        .isFalse();
    assertThat(
            new DecisionSeal("another decision key of 32 bytes!!".getBytes(StandardCharsets.UTF_8))
                .verify("run-1", DecisionAction.APPROVE, sealed))
        .isFalse();
    assertThat(seal.verify("run-1", DecisionAction.APPROVE, alice)).isFalse();
  }

  @Test
  void anUnsealedPayloadReadsAsTheTemporalChannelWhateverItClaims() {
    DecisionRequest read =
        DecisionRequest.from(
            DecisionAction.ACKNOWLEDGE, Map.of("by", "bob", "channel", "ui", "groups", "x"));

    assertThat(read)
        .isEqualTo(new DecisionRequest("bob", List.of(), Channel.TEMPORAL, null, null, null, null));
    assertThat(DecisionRequest.from(DecisionAction.ABORT, Map.of()).name()).isEqualTo("anonymous");
  }

  @Test
  void keysAreBase64OfAtLeast32Bytes() {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    assertThat(DecisionSeal.fromBase64(base64).seal("r", DecisionAction.ABORT, alice))
        .isEqualTo(seal.seal("r", DecisionAction.ABORT, alice));
    assertThatThrownBy(() -> DecisionSeal.fromBase64("c2hvcnQ="))
        .hasMessage("the decision key must have at least 32 bytes, it has 5");
    assertThatThrownBy(() -> DecisionSeal.fromBase64("not base64 at all!"))
        .hasMessageStartingWith("the decision key is not base64");
  }
}

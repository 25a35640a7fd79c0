package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.api.Channel;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.api.DecisionSeal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class DecisionKeyConfigurationTest {
  private static final byte[] KEY =
      "thirty-two bytes of decision key!".getBytes(StandardCharsets.UTF_8);
  private static final DecisionRequest ALICE =
      new DecisionRequest("alice", List.of(), Channel.API, null, null, null, null);
  private final DecisionKeyConfiguration configuration = new DecisionKeyConfiguration();

  private static String sealed(DecisionSeal seal) {
    return seal.seal("run", DecisionAction.APPROVE, ALICE).seal();
  }

  @Test
  void theConfiguredKeyOrItsFileSeals(@TempDir Path dir) throws Exception {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    Path file = Files.writeString(dir.resolve("decision_key"), base64 + "\n");

    DecisionSeal fromProperty =
        configuration.decisionSeal(
            new MockEnvironment().withProperty(DecisionKeyConfiguration.PROPERTY, base64));
    DecisionSeal fromFile =
        configuration.decisionSeal(
            new MockEnvironment()
                .withProperty(DecisionKeyConfiguration.FILE_PROPERTY, file.toString()));

    assertThat(sealed(fromProperty)).isEqualTo(sealed(new DecisionSeal(KEY)));
    assertThat(sealed(fromFile)).isEqualTo(sealed(new DecisionSeal(KEY)));
  }

  @Test
  void withoutAKeyEachStartMakesARandomOne() {
    assertThat(sealed(configuration.decisionSeal(new MockEnvironment())))
        .isNotEqualTo(sealed(configuration.decisionSeal(new MockEnvironment())));
  }

  @Test
  void aShortKeyStopsTheStartNamingTheProperty() {
    MockEnvironment environment =
        new MockEnvironment().withProperty(DecisionKeyConfiguration.PROPERTY, "c2hvcnQ=");

    assertThatThrownBy(() -> configuration.decisionSeal(environment))
        .hasMessage(
            "runbook.security.decision-key is not usable: the decision key must have at least 32"
                + " bytes, it has 5");
  }
}

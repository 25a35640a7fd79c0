package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A malformed Standard Webhooks secret stops start-up with a message naming the source and the
 * property, instead of a 500 on every delivery.
 */
class StartupSecretTest {
  @TempDir Path dir;

  @Test
  void malformedSecretStopsStartUpNamingTheSource() {
    assertThat(rootMessage(start("runbook.intake.sources.billing.auth.secret=whsec_not*base64!")))
        .isEqualTo(
            "runbook.intake.sources.billing.auth.secret: the secret of source 'billing' is not"
                + " whsec_<base64> (Standard Webhooks) or is empty");
  }

  @Test
  void malformedSecretFileStopsStartUpToo() throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "whsec_\n");
    assertThat(rootMessage(start("runbook.intake.sources.billing.auth.secret-file=" + file)))
        .isEqualTo(
            "runbook.intake.sources.billing.auth.secret-file: the secret of source 'billing' is"
                + " not whsec_<base64> (Standard Webhooks) or is empty");
  }

  private static Throwable start(String secretProperty) {
    return catchThrowable(
        () ->
            new SpringApplicationBuilder(IntakeTestApplication.class)
                .properties(
                    "server.port=0",
                    "runbook.intake.dispatcher.enabled=false",
                    "runbook.intake.sources.billing.auth.type=hmac",
                    secretProperty)
                .run()
                .close());
  }

  private static String rootMessage(Throwable t) {
    assertThat(t).as("start-up must fail").isNotNull();
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}

package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.starter.intake.IntakeTestApplication;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code runbook quarantine} against the real API and its real PostgreSQL: list, clear, and the
 * errors for an unknown target and a bad command line.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.test.catalog-dir=src/test/resources/fixtures/runbooks",
      ApiCli.BOOTSTRAP
    })
class QuarantineCommandTest extends ApiCli {
  @Autowired Jdbi jdbi;

  @Test
  void listsAndClearsQuarantinedTargets() {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO quarantine (target, since, reason, workflow_id, runbook)"
                        + " VALUES (:t, now(), :r, :w, :b)")
                .bind("t", "jarvis-api")
                .bind("r", "4 restarts within 1h")
                .bind("w", "runbook/jarvis/1")
                .bind("b", "jarvis-high-memory")
                .execute());
    Result list = cli("quarantine");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("TARGET", "jarvis-api", "4 restarts within 1h");

    Result clear = cli("quarantine", "clear", "jarvis-api");
    assertThat(clear.code()).as(clear.err()).isZero();
    assertThat(clear.out()).contains("cleared jarvis-api");
    assertThat(cli("quarantine", "list").out()).doesNotContain("jarvis-api");

    Result again = cli("quarantine", "clear", "jarvis-api");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("target 'jarvis-api' is not quarantined (404)");

    Result bad = cli("quarantine", "wipe");
    assertThat(bad.code()).isEqualTo(64);
    assertThat(bad.err()).contains("usage: runbook quarantine");
  }
}

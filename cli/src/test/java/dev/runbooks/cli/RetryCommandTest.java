package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code retry} posts the step, version and reason to {@code /api/runs/<id>/retry} and prints how
 * the API retried (reset or seeded), why, and the retried run; a refusal is printed with the API's
 * message and exit code 1; a version other than pinned or current is a usage error.
 */
class RetryCommandTest {
  private static final String TOKEN = "rbk_" + "R".repeat(43);
  private static final String ID = "runbook/disk/a b";
  private static final String RUN = "/api/runs/runbook/disk/a%20b";

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void printsHowTheRunWasRetried() {
    api.answer(
        "POST " + RUN + "/retry",
        201,
        "{\"how\":\"seeded\",\"why\":\"another version\",\"workflowId\":\"runbook/disk/new\","
            + "\"runId\":\"r2\",\"version\":\"sha256:ab\",\"from\":\"fix\"}");
    Result retried =
        api.cli(
            "retry",
            ID,
            "--from",
            "fix",
            "--version",
            "current",
            "--reason",
            "ok",
            "--token",
            TOKEN);
    assertThat(retried.code()).as(retried.err()).isZero();
    assertThat(retried.out())
        .isEqualTo(
            "retried "
                + ID
                + " from step fix by a seeded new run: another version\n"
                + "run runbook/disk/new (run id r2)\n"
                + "version sha256:ab\n");
    FakeApi.Request request = api.only();
    assertThat(request.body())
        .contains("\"from\":\"fix\"", "\"version\":\"current\"", "\"reason\":\"ok\"");
  }

  @Test
  void printsARefusal() {
    api.answer(
        "POST " + RUN + "/retry",
        409,
        "{\"error\":\"run is still running; a run is retried once it ended (abort it first to"
            + " retry now)\"}");
    Result refused = api.cli("retry", ID, "--token", TOKEN);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("error: run is still running");
  }

  @Test
  void refusesAnUnknownVersionAsUsage() {
    Result usage = api.cli("retry", ID, "--version", "latest", "--token", TOKEN);
    assertThat(usage.code()).isEqualTo(64);
    assertThat(usage.err()).contains("--version must be 'pinned' or 'current', not 'latest'");
  }
}

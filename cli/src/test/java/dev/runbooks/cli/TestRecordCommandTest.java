package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.starter.testing.ApiTestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code bin/runbook test --record}: a run approved through the API is recorded beside a copy of
 * its runbook, and {@code bin/runbook test} runs the recorded case, which passes.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/fixtures/runbooks",
      ApiCli.BOOTSTRAP
    })
class TestRecordCommandTest extends ApiCli {
  @TempDir Path dir;

  @Test
  void recordsAnApprovedRunThatThenPasses() throws Exception {
    Result started = cli("start", "gated");
    assertThat(started.code()).as(started.err()).isZero();
    String id = workflowId(started);
    Result approved = cli("approve", id, "--as", "alice", "--comment", "go");
    for (int i = 0; i < 50 && approved.code() != 0; i++) {
      Thread.sleep(200);
      approved = cli("approve", id, "--as", "alice", "--comment", "go");
    }
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(cli("follow", id, "--interval", "200ms").code()).isZero();
    Files.copy(
        Path.of("src/test/resources/fixtures/runbooks/gated.yaml"), dir.resolve("gated.yaml"));

    Result recorded = cli("test", "--record", id, "--name", "approved by the CLI", dir.toString());

    assertThat(recorded.code()).as(recorded.err()).isZero();
    Path file = dir.resolve("gated.test.yaml");
    assertThat(recorded.out())
        .contains(
            "recorded run " + id + " (gated, resolved) as case 'approved by the CLI' in " + file);
    assertThat(Files.readString(file))
        .contains("runbook: gated")
        .contains("action: approve")
        .contains("comment: go")
        .contains("outcome: resolved");
    Result ran = cli("test", file.toString());
    assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
    assertThat(ran.out()).contains("approved by the CLI");
  }

  @Test
  void refusesARunThatDoesNotExist() {
    Result recorded =
        cli(
            "test",
            "--record",
            "runbook/gated/nope",
            "--out",
            dir.resolve("x.test.yaml").toString());
    assertThat(recorded.code()).isEqualTo(1);
    assertThat(recorded.err()).startsWith("error: ");
    assertThat(dir.resolve("x.test.yaml")).doesNotExist();
  }
}

package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.starter.testing.ApiTestApplication;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The HTTP commands against the real API on a random port, backed by an in-process Temporal server
 * and the real interpreter.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/fixtures/runbooks",
      ApiCli.BOOTSTRAP
    })
class CliAgainstApiTest extends ApiCli {

  @Test
  void startsFollowsAndShowsARun() {
    Result started =
        cli(
            "start",
            "greet",
            "--input",
            "who=ada",
            "--input",
            "times=2",
            "--follow",
            "--interval",
            "200ms");
    assertThat(started.code()).as(started.err()).isZero();
    assertThat(started.out())
        .contains("started greet sha256:")
        .contains("hello (log) succeeded")
        .containsPattern("run runbook/greet/\\S+ resolved: greeted ada");

    String id = workflowId(started);
    Result status = cli("status", id);
    assertThat(status.code()).isZero();
    assertThat(status.out())
        .contains("STEP", "TYPE", "STATUS", "DURATION", "OUTPUTS")
        .containsPattern("(?m)^hello\\s+log\\s+succeeded")
        .contains("resolved");

    Result report = cli("report", id);
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out())
        .startsWith("## Post-Incident Review: INC-")
        .contains("### Timeline (UTC)")
        .containsPattern("\\| \\d\\d:\\d\\d:\\d\\d \\| Step `hello` \\(log\\) succeeded")
        .contains("Service restored (run resolved)")
        .contains("Outcome: **resolved**")
        .contains("- Run: http://localhost:" + port + "/api/runs/" + id);
    Result json = cli("report", id, "--format", "json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"run\"").contains("\"audit\"");
  }

  @Test
  void approvesAWaitingRunThenFollowsItToTheEnd() throws Exception {
    Result started = cli("start", "gated");
    assertThat(started.code()).as(started.err()).isZero();
    String id = workflowId(started);

    Result approved = cli("approve", id, "--as", "alice", "--comment", "go");
    for (int i = 0; i < 50 && approved.code() != 0; i++) {
      Thread.sleep(200);
      approved = cli("approve", id, "--as", "alice", "--comment", "go");
    }
    // "approved <id> (step ask)" once runs answer decisions; an API from before says "sent".
    assertThat(approved.out())
        .containsPattern(
            "(?m)^(approved " + Pattern.quote(id) + "( \\(step ask\\))?$|approve sent to )");
    Result followed = cli("follow", id, "--interval", "200ms");
    assertThat(followed.code()).isZero();
    assertThat(followed.out()).contains("resolved");
  }

  @Test
  void acknowledgesALadderThatTheStatusShowsWaiting() throws Exception {
    Result started = cli("start", "laddered");
    assertThat(started.code()).as(started.err()).isZero();
    String id = workflowId(started);

    Result status = cli("status", id);
    for (int i = 0; i < 50 && !status.out().contains("waiting:"); i++) {
      Thread.sleep(200);
      status = cli("status", id);
    }
    assertThat(status.out())
        .contains("waiting: page waits for an acknowledgement of tier 1/2 (oncall): disk full")
        .contains("tier 2 (engineering) at ")
        .contains("bin/runbook ack " + id);

    Result acked = cli("ack", id, "--by", "alice", "--comment", "on it");
    assertThat(acked.code()).as(acked.err()).isZero();
    assertThat(acked.out())
        .containsPattern(
            "(?m)^(acknowledged "
                + Pattern.quote(id)
                + "( \\(step page\\))?$|acknowledge sent to )");
    Result followed = cli("follow", id, "--interval", "200ms");
    assertThat(followed.code()).isZero();
    // The decider is the authenticated caller (the token's user), not --by.
    assertThat(followed.out()).containsPattern("resolved: taken by admin");
  }

  @Test
  void printsApiErrorsAndExitsOne() {
    Result bad = cli("start", "greet", "--input", "nobody=1");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("error: invalid inputs (400)").contains("'who' is required");
    Result missing = cli("status", "runbook/greet/nope");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no such run");
  }
}

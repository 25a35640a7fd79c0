package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.starter.testing.ApiTestApplication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code runbook follow} on a run that is live while it is followed: it waits for an approval, is
 * approved from elsewhere during the follow, and runs to its end.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/fixtures/runbooks",
      ApiCli.BOOTSTRAP
    })
class FollowLiveRunTest extends ApiCli {

  @Test
  void followsARunThroughItsApprovalToTheEnd() throws Exception {
    Result started = cli("start", "gated");
    assertThat(started.code()).as(started.err()).isZero();
    String id = workflowId(started);

    CompletableFuture<Result> following =
        CompletableFuture.supplyAsync(() -> cli("follow", id, "--interval", "100ms"));
    Result status = cli("status", id);
    for (int i = 0; i < 100 && !status.out().contains("waiting: ask waits for approval"); i++) {
      Thread.sleep(100);
      status = cli("status", id);
    }
    assertThat(following).isNotDone();
    Result approved = cli("approve", id, "--as", "alice", "--comment", "go");
    assertThat(approved.code()).as(approved.err()).isZero();

    Result followed = following.get(60, TimeUnit.SECONDS);
    assertThat(followed.code()).as(followed.err()).isZero();
    String out = followed.out();
    int waiting = out.indexOf("ask (approval) waiting");
    int waitLine = out.indexOf("ask waits for approval: Go ahead?");
    int decided = out.indexOf("ask (approval) succeeded");
    int end = out.indexOf("run " + id + " resolved: approved");
    assertThat(waiting).as(out).isNotNegative();
    assertThat(waitLine).as(out).isGreaterThan(waiting);
    assertThat(decided).as(out).isGreaterThan(waitLine);
    assertThat(end).as(out).isGreaterThan(decided);
  }
}

package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests of {@code http} steps that change things go to the audit trail; reads do not. */
class HttpAuditTest {
  private static TestHttpServer server;
  private final MemoryAuditLog audit = MemoryAuditLog.onePerKey();
  private final List<AuditEntry> rows = audit.entries();
  private final HttpExecutor http = new HttpExecutor(StepEnvironment.defaults().withAudit(audit));

  @BeforeAll
  static void startServer() throws IOException {
    server = new TestHttpServer();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private Map<String, Object> call(String method, String path, int attempt, String invocation) {
    return http.execute(
        new ActionRequest(
            "jarvis-circuit-breaker-open",
            "runbook/x/1",
            "reset",
            "http",
            Map.of("method", method, "url", server.base() + path + "?token=secret")),
        new StepContext(attempt, d -> {}, Optional::empty, invocation));
  }

  @Test
  void aPostIsAuditedWithItsStatusAndNeverItsQuery() {
    call("POST", "/echo", 1, "a1");

    assertThat(rows).hasSize(1);
    AuditEntry row = rows.get(0);
    assertThat(row.action()).isEqualTo("http.post");
    assertThat(row.target()).isEqualTo(server.base() + "/echo");
    assertThat(row.outcome()).isEqualTo("ok");
    assertThat(row.stepId()).isEqualTo("reset");
    assertThat(row.details()).containsEntry("status", 200).containsEntry("attempt", 1L);
    assertThat(row.toString()).doesNotContain("secret");
  }

  @Test
  void readsAreNotAudited() {
    call("GET", "/json", 1, "a1");
    assertThat(rows).isEmpty();
  }

  @Test
  void everyAttemptSentIsARowAndTheSameAttemptRunAgainIsNot() {
    ApplicationFailure first =
        catchThrowableOfType(ApplicationFailure.class, () -> call("DELETE", "/down", 1, "a1"));
    assertThat(first.getType()).isEqualTo(StepFailures.UNEXPECTED_STATUS);
    catchThrowableOfType(ApplicationFailure.class, () -> call("DELETE", "/down", 1, "a1"));
    catchThrowableOfType(ApplicationFailure.class, () -> call("DELETE", "/down", 2, "a1"));

    assertThat(rows)
        .extracting(AuditEntry::outcome)
        .containsExactly(StepFailures.UNEXPECTED_STATUS, StepFailures.UNEXPECTED_STATUS);
    assertThat(rows).extracting(r -> r.details().get("status")).containsExactly(503, 503);
  }

  @Test
  void aRequestThatGotNoAnswerIsAuditedWithTheFailure() {
    HttpExecutor unreachable = new HttpExecutor(StepEnvironment.defaults().withAudit(audit));
    catchThrowableOfType(
        ApplicationFailure.class,
        () ->
            unreachable.execute(
                new ActionRequest(
                    "r",
                    "wf",
                    "restart",
                    "http",
                    Map.of("method", "PUT", "url", "http://127.0.0.1:1/x")),
                StepContext.detached()));
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.outcome()).isNotEqualTo("ok"));
  }
}

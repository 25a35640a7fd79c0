package dev.runbooks.starter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filters, limit and page token of {@code GET /api/runs}, and the shape of its answer. */
class RunsQueryTest {
  @Test
  void theFiltersMakeTheVisibilityQuery() {
    assertThat(RunsQuery.of(null, null, null, null).visibility("runbooks"))
        .isEqualTo("TaskQueue='runbooks'");
    assertThat(
            RunsQuery.of("disk-cleanup", "escalated", "jarvis", "2026-12-01T00:00:00Z")
                .visibility("runbooks"))
        .isEqualTo(
            "WorkflowType='disk-cleanup' AND Outcome='escalated' AND Service='jarvis'"
                + " AND StartTime>='2026-12-01T00:00:00Z'");
    assertThat(RunsQuery.of(" ", "", null, " ")).isEqualTo(new RunsQuery(null, null, null, null));
    assertThat(RunsQuery.of(null, "running", null, null).outcome()).isEqualTo("running");
    assertThat(RunsQuery.OUTCOMES).contains("resolved", "escalated", "failed", "aborted");
  }

  @Test
  void refusesValuesThatCouldChangeTheQuery() {
    assertThatThrownBy(() -> RunsQuery.of("x' OR 1=1", null, null, null))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("not a runbook name");
    assertThatThrownBy(() -> RunsQuery.of(null, "resolved' OR 'a'='a", null, null))
        .hasMessageContaining("not an outcome");
    assertThatThrownBy(() -> RunsQuery.of(null, null, "a' OR ''='", null))
        .hasMessageContaining("not a service name");
    assertThatThrownBy(() -> RunsQuery.of(null, null, null, "yesterday"))
        .hasMessageContaining("not an instant: since='yesterday'");
    assertThatThrownBy(() -> RunsQuery.of(null, null, "x\n".repeat(500), null))
        .hasMessage("not a service name: '" + "x?".repeat(40) + "…'");
  }

  @Test
  void theLimitDefaultsAndIsCappedAndThePageTokenRoundTrips() {
    assertThat(RunsQuery.limit(null, 50)).isEqualTo(50);
    assertThat(RunsQuery.limit(10, 50)).isEqualTo(10);
    assertThat(RunsQuery.limit(100_000, 50)).isEqualTo(RunsQuery.MAX_LIMIT);
    assertThatThrownBy(() -> RunsQuery.limit(0, 50)).hasMessageContaining("at least 1");
    byte[] token = {0, 1, 2, (byte) 0xff, 42};
    String text = RunsQuery.encodeToken(token);
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(RunsQuery.decodeToken(text)).isEqualTo(token);
    assertThat(RunsQuery.encodeToken(new byte[0])).isNull();
    assertThat(RunsQuery.decodeToken(null)).isEmpty();
    assertThatThrownBy(() -> RunsQuery.decodeToken("not a token!"))
        .hasMessageContaining("not a page token");
  }

  @Test
  void theAnswerKeepsTheShapeOfBeforePagingAndAddsTheToken() {
    Map<String, Object> run = Map.of("workflowId", "w", "runbook", "greet");
    Map<String, Object> body = RunsQuery.body(List.of(run), "abc");
    // Clients of the answer before paging read runs and count: both keep their names and types.
    assertThat(body).containsEntry("runs", List.of(run)).containsEntry("count", 1);
    assertThat(body.keySet()).containsExactly("runs", "count", "nextPageToken");
    assertThat(RunsQuery.body(List.of(), null)).containsEntry("nextPageToken", null);
    assertThat(Instant.parse("2026-12-01T00:00:00Z")).isNotNull();
  }
}

package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 002 "Dead Letter Queue Issues": runbooks-yaml/juggernaut/juggernaut-dlq-triage. */
class JuggernautDlqTriageTest {
  private static final String ALERT = "JuggernautDLQBacklog";

  @Test
  void transientItemsAreRetriedOnceAndPersistentOnesResolvedWithTheApproversNote() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("dlq_backlog", Map.of("transient", 12, "persistent", 5));

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "warning")).get(0);
    JsonNode waiting = j.h.awaitApproval(id, Duration.ofSeconds(60));
    assertThat(waiting.toString()).contains("invalid API credentials");
    // Before the approval the transient items are already back in the task queue.
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'retried'"))
        .isEqualTo(12);
    j.h.decide(id, true, "alice", "Fixed by updating API credentials");
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("patterns", "latest", "retry_transient", "confirm_fixed", "resolve_persistent")
        .doesNotContain("page_retries_failing", "tell_engineering");
    // Each transient item was posted once, with its idempotency key.
    List<JsonNode> posts = j.requests("POST", "/api/tasks/requeue");
    assertThat(posts).hasSize(12);
    Set<String> tasks = new HashSet<>();
    posts.forEach(p -> tasks.add(p.path("body").path("task_id").asText()));
    assertThat(tasks).hasSize(12);
    assertThat(
            j.count(
                "SELECT count(*) FROM governance_tasks t JOIN dead_letter_queue d ON d.task_id = t.id"
                    + " WHERE d.status = 'retried' AND t.status <> 'dead_lettered'"))
        .isEqualTo(12);
    // The persistent ones are resolved with the note, none re-enqueued.
    assertThat(
            j.rows(
                "SELECT DISTINCT resolution_note FROM dead_letter_queue WHERE status = 'resolved'"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.get("resolution_note"))
                    .isEqualTo("Fixed by updating API credentials (approved by admin)"));
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'resolved'"))
        .isEqualTo(5);
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'")).isZero();
    assertThat(j.audit(id))
        .anyMatch(a -> a.matches("dlq.retry juggernaut/dead_letter_queue succeeded"))
        .anyMatch(a -> a.matches("dlq.resolve juggernaut/dead_letter_queue succeeded"))
        .anyMatch(a -> a.startsWith("approval.approve confirm_fixed"));
    JsonNode retryRow =
        j.h.audit(id).stream()
            .filter(r -> r.path("action").asText().equals("dlq.retry"))
            .findFirst()
            .orElseThrow();
    assertThat(retryRow.path("details").path("retried").asInt()).isEqualTo(12);
  }

  @Test
  void retriesThatKeepFailingStopAtTheErrorRateAndPage() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("dlq_backlog", Map.of("transient", 14, "persistent", 0));
    j.inject("connection_resets", Map.of()); // the "transient" cause is still there

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "warning")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("retry_transient", "page_retries_failing")
        .doesNotContain("confirm_fixed", "left");
    // Stopped after the minimum sample of 10: the other 4 were never tried.
    assertThat(j.requests("POST", "/api/tasks/requeue")).hasSize(10);
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'failed'"))
        .isEqualTo(10);
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'"))
        .isEqualTo(4);
    assertThat(j.audit(id))
        .anyMatch(a -> a.matches("dlq.retry juggernaut/dead_letter_queue stopped"));
    JsonNode incident = j.h.pager().incident(id);
    assertThat(incident.path("summary").asText()).contains("re-enqueues keep failing");
    assertThat(incident.path("customDetails").path("error").path("type").asText())
        .isEqualTo("DlqErrorRateExceeded");
  }

  @Test
  void rejectedPersistentItemsStayPendingForEngineering() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("dlq_backlog", Map.of("transient", 0, "persistent", 4));

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "warning")).get(0);
    j.h.awaitApproval(id, Duration.ofSeconds(60));
    j.h.decide(id, false, "bob", "credentials not rotated yet");
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("confirm_fixed", "left", "tell_engineering")
        .doesNotContain("retry_transient", "resolve_persistent");
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'"))
        .isEqualTo(4);
    assertThat(j.requests("POST", "/api/tasks/requeue")).isEmpty();
    JsonNode slack = j.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").path("text").asText()).contains("4 items left pending");
  }
}

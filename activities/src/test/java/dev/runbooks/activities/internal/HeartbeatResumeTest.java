package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.Secrets;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats through Temporal's activity context (its test environment), not a stand-in: a {@code
 * dlq retry} whose first attempt dies partway resumes from the details Temporal kept of its last
 * heartbeat, and a heartbeat that reports the activity cancelled stops a long step at once.
 */
class HeartbeatResumeTest {
  /** The workflow's untyped stub, typed: activity type = step type, one ActionRequest. */
  @ActivityInterface
  public interface Steps {
    @ActivityMethod(name = "dlq")
    Map<String, Object> dlq(ActionRequest request);

    @ActivityMethod(name = "command")
    Map<String, Object> command(ActionRequest request);
  }

  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment env;
  private Datasources.Pooled datasources;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
    if (datasources != null) {
      datasources.close();
    }
  }

  private Steps start(DlqExecutor dlq) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        ActionActivities.withStandIns(
            StepEnvironment.defaults().withSecrets(Secrets.of(Map.of())), List.of(dlq)));
    env.setActivityHeartbeatListener(Object.class, heartbeats::add);
    return env.newActivityStub(
        Steps.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setHeartbeatTimeout(Duration.ofSeconds(5))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  @Test
  void aDrainWhoseAttemptDiesResumesFromTheHeartbeatCheckpointWithoutCountingTwice() {
    datasources = TestPostgres.fresh("juggernaut");
    DataSource db = datasources.find("juggernaut").orElseThrow();
    TestPostgres.exec(
        db,
        "CREATE TABLE dead_letter_queue (id TEXT PRIMARY KEY, task_id TEXT NOT NULL,"
            + " failure_reason TEXT, status TEXT NOT NULL DEFAULT 'pending',"
            + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(), resolution_note TEXT)",
        "CREATE TABLE task_queue (seq BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL)",
        "INSERT INTO dead_letter_queue (id, task_id, failure_reason) SELECT 'a-' ||"
            + " lpad(g::text, 4, '0'), 'task-' || g, 'connection reset' FROM"
            + " generate_series(1, 47) g");
    Map<String, Object> config = new HashMap<>();
    config.put("datasource", "juggernaut");
    config.put("action", "retry");
    config.put("batchSize", 5);
    config.put("target", Map.of("table", "task_queue", "columns", Map.of("task_id", "task_id")));
    ActionRequest request = new ActionRequest("test-runbook", "wf-1", "drain", "dlq", config);

    // Attempt 1: the worker dies in the middle of the fourth batch (after 17 items).
    Steps dying =
        start(
            new DlqExecutor(
                StepEnvironment.defaults().withDatasources(datasources),
                n -> {
                  if (n == 17) {
                    throw new IllegalStateException("worker died");
                  }
                }));
    assertThat(catchThrowable(() -> dying.dlq(request))).isNotNull();
    assertThat(count(db, "SELECT count(*) FROM task_queue")).isEqualTo(15);
    // What a SIGKILLed worker leaves: the last heartbeat the SDK sent. The SDK throttles them (one
    // per 0.8 x heartbeat timeout), so that is the first batch's checkpoint, not the third's.
    Object checkpoint = heartbeats.get(heartbeats.size() - 1);
    assertThat(checkpoint.toString()).contains("attempted=5", "lastId=a-0005");
    env.close();

    // Attempt 2, on a new environment (a second worker) given what Temporal kept.
    heartbeats.clear();
    Steps second = start(new DlqExecutor(StepEnvironment.defaults().withDatasources(datasources)));
    env.setHeartbeatDetails(checkpoint);
    Map<String, Object> result = second.dlq(request);

    // It continues from the checkpoint: the 5 it recorded plus the 32 still pending; the 10 the
    // dead attempt committed after its last recorded heartbeat are neither done again nor counted.
    assertThat(result).containsEntry("resumed", true);
    assertThat(((Number) result.get("attempted")).longValue()).isEqualTo(37);
    assertThat(((Number) result.get("retried")).longValue()).isEqualTo(37);
    assertThat(((Number) result.get("failed")).longValue()).isZero();
    assertThat(result.get("lastId")).isEqualTo("a-0047");
    assertThat(result.get("items").toString()).doesNotContain("a-0015").contains("a-0016");
    assertThat(count(db, "SELECT count(*) FROM task_queue")).isEqualTo(47);
    assertThat(count(db, "SELECT count(DISTINCT task_id) FROM task_queue")).isEqualTo(47);
    assertThat(count(db, "SELECT count(*) FROM dead_letter_queue WHERE status = 'retried'"))
        .isEqualTo(47);
  }

  @Test
  void aCancelledHeartbeatStopsALongCommandPromptlyAndKillsItsProcess() throws Exception {
    Steps steps = start(new DlqExecutor(StepEnvironment.defaults()));
    ActionRequest request =
        new ActionRequest(
            "test-runbook",
            "wf-1",
            "slow",
            "command",
            Map.of("argv", List.of("sleep", "47"), "timeout", "2m"));
    long started = System.nanoTime();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(() -> catchThrowable(() -> steps.command(request)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (heartbeats.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(heartbeats).as("the command heartbeats while it runs").isNotEmpty();
    env.requestCancelActivity();

    Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(thrown).as("the cancelled step ends with a failure").isNotNull();
    assertThat(took).as("long before sleep 47 would end").isLessThan(Duration.ofSeconds(15));
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(p -> p.isAlive())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("sleep 47")))
        .as("the command's process is killed")
        .isEmpty();
  }

  private static long count(DataSource db, String sql) {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

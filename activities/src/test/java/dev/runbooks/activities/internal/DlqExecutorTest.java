package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code dlq} step on seed 002's {@code dead_letter_queue} in a real (embedded) PostgreSQL:
 * exactly-once re-enqueueing across a killed attempt and between two concurrent executors.
 */
class DlqExecutorTest {
  private Datasources.Pooled datasources;
  private DataSource db;
  private final MemoryAuditLog auditLog = MemoryAuditLog.keepingAll();
  private final List<AuditEntry> audit = auditLog.entries();

  @BeforeEach
  void seed() {
    datasources = TestPostgres.fresh("juggernaut");
    db = datasources.find("juggernaut").orElseThrow();
    TestPostgres.exec(
        db,
        "CREATE TABLE dead_letter_queue (id TEXT PRIMARY KEY, task_id TEXT NOT NULL,"
            + " failure_reason TEXT, status TEXT NOT NULL DEFAULT 'pending',"
            + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(), resolution_note TEXT)",
        "CREATE TABLE task_queue (seq BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL, reason TEXT,"
            + " origin TEXT)");
  }

  @AfterEach
  void close() {
    datasources.close();
  }

  private void items(int n, String reason, String prefix) {
    TestPostgres.exec(
        db,
        "INSERT INTO dead_letter_queue (id, task_id, failure_reason) SELECT '"
            + prefix
            + "-' || lpad(g::text, 4, '0'), 'task-"
            + prefix
            + "-' || g, '"
            + reason
            + "' FROM generate_series(1, "
            + n
            + ") g");
  }

  private Map<String, Object> retryToTable(int batchSize) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasource", "juggernaut");
    config.put("action", "retry");
    config.put("match", "connection (reset|refused)");
    config.put("batchSize", batchSize);
    config.put(
        "target",
        Map.of(
            "table", "task_queue",
            "columns", Map.of("task_id", "task_id", "reason", "failure_reason"),
            "values", Map.of("origin", "dlq")));
    return config;
  }

  private long count(String sql) {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void inspectCountsByReasonAndStatus() {
    items(7, "connection reset by peer", "a");
    items(3, "invalid credentials", "b");
    TestPostgres.exec(db, "UPDATE dead_letter_queue SET status = 'resolved' WHERE id = 'b-0001'");

    Map<String, Object> result =
        new DlqExecutor(StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog))
            .execute(request("dlq", Map.of("datasource", "juggernaut")), StepContext.detached());

    assertThat(result.get("total")).isEqualTo(10L);
    assertThat(result.get("pending")).isEqualTo(9L);
    assertThat(result.get("byReason"))
        .isEqualTo(Map.of("connection reset by peer", 7L, "invalid credentials", 3L));
    assertThat(audit).isEmpty();
  }

  /** Attempt 1 dies after 15 items (mid-batch); attempt 2 resumes: every item exactly once. */
  @Test
  void aKilledAttemptAndItsRetryReEnqueueEveryItemExactlyOnce() {
    items(35, "connection reset by peer", "a");
    items(5, "invalid credentials", "b");
    AtomicReference<Object> lastHeartbeat = new AtomicReference<>();
    DlqExecutor dying =
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog),
            n -> {
              if (n == 15) {
                throw new IllegalStateException("worker died");
              }
            });
    StepContext attempt1 = new StepContext(1, lastHeartbeat::set);
    catchThrowableOfType(
        IllegalStateException.class,
        () -> dying.execute(request("dlq", retryToTable(10)), attempt1));
    assertThat(count("SELECT count(*) FROM task_queue")).isEqualTo(10);
    assertThat(lastHeartbeat.get()).isEqualTo(checkpoint(10, 10, 0, "a-0010"));

    @SuppressWarnings("unchecked")
    Map<String, Object> previous = (Map<String, Object>) lastHeartbeat.get();
    StepContext attempt2 = new StepContext(2, lastHeartbeat::set, () -> Optional.of(previous));
    Map<String, Object> result =
        new DlqExecutor(StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog))
            .execute(request("dlq", retryToTable(10)), attempt2);

    assertThat(result).containsEntry("retried", 35L).containsEntry("attempted", 35L);
    assertThat(result).containsEntry("resumed", true).containsEntry("failed", 0L);
    assertThat(count("SELECT count(*) FROM task_queue")).isEqualTo(35);
    assertThat(count("SELECT count(DISTINCT task_id) FROM task_queue")).isEqualTo(35);
    assertThat(count("SELECT count(*) FROM task_queue WHERE origin = 'dlq'")).isEqualTo(35);
    assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'retried'"))
        .isEqualTo(35);
    assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'"))
        .isEqualTo(5);
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).action()).isEqualTo("dlq.retry");
    assertThat(audit.get(0).details()).containsEntry("retried", 35L);
  }

  private static Map<String, Object> checkpoint(long a, long r, long f, String lastId) {
    Map<String, Object> m = new HashMap<>();
    m.put("attempted", a);
    m.put("retried", r);
    m.put("failed", f);
    m.put("lastId", lastId);
    return m;
  }

  @Test
  void twoExecutorsOnOneTableNeverHandleAnItemTwice() throws Exception {
    items(300, "connection refused", "c");
    DlqExecutor one =
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog));
    DlqExecutor two =
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog));
    var first =
        CompletableFuture.supplyAsync(
            () -> one.execute(request("dlq", retryToTable(7)), StepContext.detached()));
    var second =
        CompletableFuture.supplyAsync(
            () -> two.execute(request("dlq", retryToTable(7)), StepContext.detached()));

    long total = (Long) first.get().get("retried") + (Long) second.get().get("retried");
    assertThat(total).isEqualTo(300);
    assertThat(count("SELECT count(*) FROM task_queue")).isEqualTo(300);
    assertThat(count("SELECT count(DISTINCT task_id) FROM task_queue")).isEqualTo(300);
  }

  @Test
  void httpTargetPostsEachItemOnceWithAnIdempotencyKeyAndMarksRefusalsFailed() throws IOException {
    items(12, "connection reset", "h");
    Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/enqueue",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          posts
              .computeIfAbsent(
                  ex.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger())
              .incrementAndGet();
          int status = body.contains("task-h-3\"") ? 422 : 202;
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
    try {
      Map<String, Object> config = new HashMap<>();
      config.put("datasource", "juggernaut");
      config.put("action", "retry");
      config.put("like", "connection%");
      config.put("rate", 200);
      config.put(
          "target",
          Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/enqueue"));
      Map<String, Object> result =
          new DlqExecutor(
                  StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog))
              .execute(request("dlq", config), StepContext.detached());

      assertThat(result).containsEntry("retried", 11L).containsEntry("failed", 1L);
      assertThat(posts).hasSize(12).containsKey("dlq:juggernaut/dead_letter_queue:h-0001");
      assertThat(posts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'failed'"))
          .isEqualTo(1);

      Map<String, Object> again =
          new DlqExecutor(
                  StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog))
              .execute(request("dlq", config), StepContext.detached());
      assertThat(again).containsEntry("attempted", 0L);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void stopsWhenTheErrorRatePassesTheThreshold() throws IOException {
    items(30, "connection reset", "e");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/enqueue",
        ex -> {
          ex.sendResponseHeaders(503, -1);
          ex.close();
        });
    server.start();
    try {
      Map<String, Object> config = new HashMap<>();
      config.put("datasource", "juggernaut");
      config.put("action", "retry");
      config.put("stopErrorRate", 0.2);
      config.put(
          "target",
          Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/enqueue"));
      var failed =
          failure(
              new DlqExecutor(
                  StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog)),
              config,
              StepFailures.DLQ_ERROR_RATE_EXCEEDED,
              false);
      assertThat(StepAssertions.evidence(failed)).containsEntry("attempted", 10L);
      assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'"))
          .isEqualTo(20);
      assertThat(audit).extracting(AuditEntry::outcome).containsExactly("stopped");
    } finally {
      server.stop(0);
    }
  }

  /** olderThan and notMatch narrow every action; resolve needs no re-enqueue target. */
  @Test
  void olderThanAndNotMatchNarrowInspectAndResolve() {
    items(3, "connection reset by peer", "old");
    items(2, "connection reset: poison", "poison");
    TestPostgres.exec(db, "UPDATE dead_letter_queue SET created_at = now() - interval '3 hours'");
    items(4, "connection reset by peer", "new");
    DlqExecutor executor =
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog));
    Map<String, Object> inspect = new HashMap<>();
    inspect.put("datasource", "juggernaut");
    inspect.put("match", "connection reset");
    inspect.put("notMatch", "poison");
    inspect.put("olderThan", "1h");

    assertThat(executor.execute(request("dlq", inspect), StepContext.detached()))
        .containsEntry("total", 3L);

    Map<String, Object> resolve = new HashMap<>(inspect);
    resolve.put("action", "resolve");
    resolve.put("note", "stale transient failures");
    assertThat(executor.execute(request("dlq", resolve), StepContext.detached()))
        .containsEntry("changed", 3L);
    assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'resolved'"))
        .isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM dead_letter_queue WHERE status = 'pending' AND id LIKE"
                    + " 'old-%'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'pending'"))
        .isEqualTo(6);
  }

  @Test
  void resolveAndDiscardMarkWithANoteOnce() {
    items(4, "invalid credentials", "r");
    items(2, "poison message", "p");
    Map<String, Object> resolve = new HashMap<>();
    resolve.put("datasource", "juggernaut");
    resolve.put("action", "resolve");
    resolve.put("match", "credentials");
    resolve.put("note", "Fixed by updating API credentials");
    DlqExecutor executor =
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog));

    assertThat(executor.execute(request("dlq", resolve), StepContext.detached()))
        .containsEntry("changed", 4L);
    assertThat(executor.execute(request("dlq", resolve), StepContext.detached()))
        .containsEntry("changed", 0L);
    assertThat(
            count(
                "SELECT count(*) FROM dead_letter_queue WHERE status = 'resolved' AND"
                    + " resolution_note = 'Fixed by updating API credentials'"))
        .isEqualTo(4);

    Map<String, Object> discard = new HashMap<>(resolve);
    discard.put("action", "discard");
    discard.put("match", "^poison");
    assertThat(executor.execute(request("dlq", discard), StepContext.detached()))
        .containsEntry("changed", 2L);
    assertThat(count("SELECT count(*) FROM dead_letter_queue WHERE status = 'discarded'"))
        .isEqualTo(2);
  }

  @Test
  void namesAreIdentifiersNeverSql() {
    Map<String, Object> config = new HashMap<>();
    config.put("datasource", "juggernaut");
    config.put("table", "dead_letter_queue; DROP TABLE task_queue");
    failure(
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog)),
        config,
        StepFailures.INVALID_STEP_CONFIG,
        false);
    config.put("table", "dead_letter_queue");
    config.put("columns", Map.of("reason", "failure_reason\" OR 1=1 --"));
    failure(
        new DlqExecutor(
            StepEnvironment.defaults().withDatasources(datasources).withAudit(auditLog)),
        config,
        StepFailures.INVALID_STEP_CONFIG,
        false);
  }
}

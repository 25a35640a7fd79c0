package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code sql} step against a real (embedded) PostgreSQL holding seed 002's tables. */
class SqlExecutorTest {
  private static Datasources.Pooled datasources;
  private static DataSource db;
  private static SqlExecutor executor;

  @BeforeAll
  static void seed() {
    datasources = TestPostgres.fresh("juggernaut");
    db = datasources.find("juggernaut").orElseThrow();
    TestPostgres.exec(
        db,
        "CREATE TABLE governance_tasks (id TEXT PRIMARY KEY, title TEXT, status TEXT,"
            + " updated_at TIMESTAMPTZ, meta JSONB, cost NUMERIC(10,2))",
        "INSERT INTO governance_tasks VALUES"
            + " ('t1', 'stuck one', 'in_progress', now() - interval '2 hours', '{\"a\":1}', 1.50),"
            + " ('t2', 'fresh', 'in_progress', now(), null, 2),"
            + " ('t3', 'done', 'completed', now() - interval '3 hours', null, null)",
        "INSERT INTO governance_tasks SELECT 'bulk' || g, 'bulk', 'queued', now(), null, null"
            + " FROM generate_series(1, 250) g");
    executor = new SqlExecutor(StepEnvironment.defaults().withDatasources(datasources));
  }

  @AfterAll
  static void close() {
    datasources.close();
  }

  private static Map<String, Object> config(Object... kv) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasource", "juggernaut");
    for (int i = 0; i < kv.length; i += 2) {
      config.put((String) kv[i], kv[i + 1]);
    }
    return config;
  }

  @Test
  void findsStuckTasksWithNamedParameters() {
    Map<String, Object> result =
        run(
            executor,
            config(
                "query",
                "SELECT id, title, meta, cost FROM governance_tasks WHERE status = :status"
                    + " AND updated_at < now() - (:minutes || ' minutes')::interval ORDER BY id",
                "params",
                Map.of("status", "in_progress", "minutes", "30"),
                "expect",
                "result.rowCount == 1 && result.rows[0].id == 't1'"));

    assertThat(result.get("columns")).isEqualTo(List.of("id", "title", "meta", "cost"));
    assertThat(result.get("rowCount")).isEqualTo(1L);
    assertThat(result.get("truncated")).isEqualTo(false);
    @SuppressWarnings("unchecked")
    Map<String, Object> row = ((List<Map<String, Object>>) result.get("rows")).get(0);
    assertThat(row).containsEntry("meta", Map.of("a", 1L)).containsEntry("cost", 1.5);
    @SuppressWarnings("unchecked")
    Map<String, Object> evidence = (Map<String, Object>) result.get("evidence");
    assertThat(evidence).containsEntry("datasource", "juggernaut").containsKey("durationMs");
  }

  @Test
  void valuesAreBoundNeverSpliced() {
    String hostile = "x' OR '1'='1";
    Map<String, Object> result =
        run(
            executor,
            config(
                "query",
                "SELECT count(*) AS n FROM governance_tasks WHERE id = ?",
                "params",
                List.of(hostile)));

    assertThat(result.get("rows")).isEqualTo(List.of(Map.of("n", 0L)));
  }

  @Test
  void limitsRowsAndSaysSo() {
    Map<String, Object> result =
        run(executor, config("query", "SELECT id FROM governance_tasks WHERE status = 'queued'"));
    assertThat(result.get("rowCount")).isEqualTo(100L);
    assertThat(result.get("truncated")).isEqualTo(true);

    Map<String, Object> all =
        run(
            executor,
            config("query", "SELECT id FROM governance_tasks ORDER BY id", "maxRows", 10_000));
    assertThat(all.get("rowCount")).isEqualTo(253L);
    assertThat(all.get("truncated")).isEqualTo(false);
  }

  @Test
  void writesAreRefusedByTheReadOnlyTransaction() {
    var failure =
        failure(
            executor,
            config(
                "query",
                "WITH gone AS (DELETE FROM governance_tasks RETURNING id) SELECT count(*) FROM gone"),
            StepFailures.SQL_QUERY_ERROR,
            false);
    assertThat(failure.getOriginalMessage()).contains("25006").contains("read-only");
    Map<String, Object> count =
        run(executor, config("query", "SELECT count(*) AS n FROM governance_tasks"));
    assertThat(count.get("rows")).isEqualTo(List.of(Map.of("n", 253L)));
  }

  @Test
  void refusesStatementsThatAreNotOneQuery() {
    failure(
        executor,
        config("query", "SELECT 1; DELETE FROM governance_tasks"),
        StepFailures.INVALID_STEP_CONFIG,
        false);
    failure(
        executor,
        config("query", "DELETE FROM governance_tasks"),
        StepFailures.INVALID_STEP_CONFIG,
        false);
    assertThat(run(executor, config("query", "SELECT ';' AS semi;")).get("rows"))
        .isEqualTo(List.of(Map.of("semi", ";")));
  }

  @Test
  void badSqlIsNotRetriedAndAFalseExpectationIs() {
    failure(
        executor,
        config("query", "SELECT nope FROM governance_tasks"),
        StepFailures.SQL_QUERY_ERROR,
        false);
    var failed =
        failure(
            executor,
            config("query", "SELECT id FROM governance_tasks", "expect", "result.rowCount == 0"),
            StepFailures.EXPECTATION_FAILED,
            true);
    assertThat(StepAssertions.evidence(failed)).containsEntry("rowCount", 100L);
  }

  @Test
  void unknownDatasourceAndTimeouts() {
    Map<String, Object> unknown = config("query", "SELECT 1");
    unknown.put("datasource", "nope");
    var failed = failure(executor, unknown, StepFailures.UNKNOWN_DATASOURCE, false);
    assertThat(failed.getOriginalMessage()).contains("[juggernaut]");

    failure(
        executor,
        config("query", "SELECT pg_sleep(3)", "timeout", "1s"),
        StepFailures.DATASOURCE_UNAVAILABLE,
        true);
  }

  @Test
  void aPasswordReferenceIsResolvedInsideTheActivity() {
    try (Datasources.Pooled refs =
        Datasources.pooled(
            Map.of(
                "x",
                new Datasources.Definition(
                    TestPostgres.freshUrl(), "postgres", "env:RUNBOOK_TEST_UNSET_PASSWORD", 1)))) {
      SqlExecutor withRef = new SqlExecutor(StepEnvironment.defaults().withDatasources(refs));
      Map<String, Object> config = config("query", "SELECT 1");
      config.put("datasource", "x");
      var failed = failure(withRef, config, StepFailures.SECRET_UNAVAILABLE, false);
      assertThat(failed.getOriginalMessage()).contains("env:RUNBOOK_TEST_UNSET_PASSWORD");
    }
  }

  @Test
  void aDatabaseThatIsDownIsRetried() {
    try (Datasources.Pooled down =
        Datasources.pooled(
            Map.of(
                "down",
                new Datasources.Definition(
                    "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", null, 1)))) {
      Map<String, Object> config = config("query", "SELECT 1");
      config.put("datasource", "down");
      failure(
          new SqlExecutor(StepEnvironment.defaults().withDatasources(down)),
          config,
          StepFailures.DATASOURCE_UNAVAILABLE,
          true);
    }
  }
}

package dev.runbooks.activities.internal;

import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Executes {@code sql} steps: one query on a named datasource, every value bound as a parameter,
 * inside a read-only transaction ({@link Connection#setReadOnly}, so PostgreSQL refuses writes)
 * that is always rolled back. Reading is safe to retry.
 *
 * <p>The result is {@code {rows, rowCount, truncated, columns, evidence: {datasource, query,
 * durationMs}}}: each row is a map by column label in column order, {@code rowCount} is the number
 * of rows returned (at most {@code maxRows}) and {@code truncated} says whether the query had more.
 */
final class SqlExecutor implements StepExecutor {
  private final Datasources datasources;

  /** An executor over the environment's datasources. */
  SqlExecutor(StepEnvironment env) {
    this.datasources = env.datasources();
  }

  @Override
  public String type() {
    return "sql";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    SqlConfig config = SqlConfig.bind(request.config());
    DataSource dataSource = SqlSupport.dataSource(datasources, "sql", config.datasource());
    String what = "sql query on datasource '" + config.datasource() + "'";
    long started = System.nanoTime();
    Map<String, Object> result;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (Handle handle = Jdbi.open(connection)) {
        try {
          result = query(handle, config);
        } finally {
          connection.rollback();
        }
      }
    } catch (SQLException e) {
      throw SqlSupport.failure(what, e, evidence(config, started));
    } catch (RuntimeException e) {
      if (SqlSupport.isDatabaseError(e)) {
        throw SqlSupport.failure(what, e, evidence(config, started));
      }
      throw e;
    }
    result.put("evidence", evidence(config, started));
    ResultExpect.check(
        config.expect(),
        what,
        result,
        result.get("rowCount")
            + " rows"
            + (Boolean.TRUE.equals(result.get("truncated")) ? "+" : ""));
    return result;
  }

  private static Map<String, Object> query(Handle handle, SqlConfig config) {
    Query query = handle.createQuery(config.query());
    for (int i = 0; i < config.positional().size(); i++) {
      query.bind(i, config.positional().get(i));
    }
    config.named().forEach(query::bind);
    query.setMaxRows(config.maxRows() + 1);
    query.setQueryTimeout((int) Math.max(1, (config.timeout().toMillis() + 999) / 1000));
    query.setFetchSize(Math.min(config.maxRows() + 1, 1000));
    return query.scanResultSet(
        (supplier, statementContext) -> {
          try (ResultSet rs = supplier.get()) {
            return read(rs, config.maxRows());
          }
        });
  }

  private static Map<String, Object> read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      columns.add(meta.getColumnLabel(c));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 1; c <= columns.size(); c++) {
        row.put(columns.get(c - 1), SqlSupport.json(rs.getObject(c)));
      }
      rows.add(row);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", rows);
    result.put("rowCount", (long) rows.size());
    result.put("truncated", truncated);
    result.put("columns", columns);
    return result;
  }

  private static Map<String, Object> evidence(SqlConfig config, long started) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("datasource", config.datasource());
    evidence.put("query", config.query());
    evidence.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    return evidence;
  }
}

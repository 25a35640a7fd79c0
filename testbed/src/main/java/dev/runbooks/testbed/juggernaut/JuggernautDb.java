package dev.runbooks.testbed.juggernaut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Juggernaut's tables in the testbed database, laid out as seed 002 queries them: {@code
 * governance_tasks}, {@code dead_letter_queue}, {@code tool_executions}, {@code worker_budgets},
 * {@code worker_registry}, {@code worker_tool_permissions} and {@code api_cost_tracking}. The
 * runbook engine reads the same tables through its {@code juggernaut} datasource.
 */
final class JuggernautDb {
  /** The workers Juggernaut runs, with their daily API budgets in US dollars. */
  static final Map<String, Double> BUDGETS =
      Map.of("EXECUTOR", 100.0, "ANALYST", 60.0, "STRATEGIST", 20.0, "WATCHDOG", 5.0);

  private static final String[] DDL = {
    """
    CREATE TABLE IF NOT EXISTS governance_tasks (
      id TEXT PRIMARY KEY, title TEXT NOT NULL, task_type TEXT NOT NULL DEFAULT 'generic',
      status TEXT NOT NULL DEFAULT 'pending', payload JSONB, worker_id TEXT,
      error_message TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      started_at TIMESTAMPTZ, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
    """
    CREATE TABLE IF NOT EXISTS dead_letter_queue (
      id BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL, failure_reason TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending', resolution_note TEXT,
      retry_count INT NOT NULL DEFAULT 0, created_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
    """
    CREATE TABLE IF NOT EXISTS tool_executions (
      id BIGSERIAL PRIMARY KEY, worker_id TEXT NOT NULL, tool_name TEXT NOT NULL,
      status TEXT NOT NULL, error_message TEXT, cost_usd NUMERIC(10, 4) NOT NULL DEFAULT 0,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
    """
    CREATE TABLE IF NOT EXISTS worker_budgets (
      worker_id TEXT PRIMARY KEY, daily_limit NUMERIC(10, 2) NOT NULL,
      spent_today NUMERIC(10, 2) NOT NULL DEFAULT 0, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
    """
    CREATE TABLE IF NOT EXISTS worker_registry (
      worker_id TEXT PRIMARY KEY, status TEXT NOT NULL, last_heartbeat TIMESTAMPTZ)""",
    """
    CREATE TABLE IF NOT EXISTS worker_tool_permissions (
      worker_id TEXT NOT NULL, tool_name TEXT NOT NULL, allowed BOOLEAN NOT NULL,
      PRIMARY KEY (worker_id, tool_name))""",
    """
    CREATE TABLE IF NOT EXISTS api_cost_tracking (
      id BIGSERIAL PRIMARY KEY, provider TEXT NOT NULL, cost_usd NUMERIC(10, 4) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
  };

  private final DataSource dataSource;

  JuggernautDb(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the tables when they are missing. */
  void create() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create Juggernaut's tables", e);
    }
  }

  /** Empties every table and writes the healthy initial rows. */
  void reseed(Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(
            "TRUNCATE governance_tasks, dead_letter_queue, tool_executions, worker_budgets,"
                + " worker_registry, worker_tool_permissions, api_cost_tracking RESTART IDENTITY");
      }
      for (var budget : BUDGETS.entrySet()) {
        exec(
            c,
            "INSERT INTO worker_budgets (worker_id, daily_limit) VALUES (?, ?)",
            budget.getKey(),
            budget.getValue());
        exec(
            c,
            "INSERT INTO worker_registry (worker_id, status, last_heartbeat) VALUES (?, 'active', ?)",
            budget.getKey(),
            Timestamp.from(now));
      }
      for (String tool : List.of("heartbeat", "task_scan", "alerting")) {
        exec(c, "INSERT INTO worker_tool_permissions VALUES ('WATCHDOG', ?, true)", (Object) tool);
      }
      for (int i = 1; i <= 5; i++) {
        Timestamp at = Timestamp.from(now.minusSeconds(3600L * i));
        exec(
            c,
            "INSERT INTO governance_tasks (id, title, task_type, status, worker_id, created_at,"
                + " started_at, updated_at) VALUES (?, ?, 'research', 'completed', 'EXECUTOR',"
                + " ?, ?, ?)",
            String.format("task-%04d", i),
            "Research task " + i,
            at,
            at,
            at);
        exec(
            c,
            "INSERT INTO api_cost_tracking (provider, cost_usd, created_at) VALUES"
                + " ('openrouter', 0.42, ?)",
            at);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reseed Juggernaut's tables", e);
    }
  }

  /** Runs one statement; returns the changed row count. */
  int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return exec(c, sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException("Juggernaut database: " + e.getMessage(), e);
    }
  }

  /** Runs a query; each row is a map by column label. */
  List<Map<String, Object>> query(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp t) {
              value = t.toInstant().toString();
            } else if (value instanceof java.math.BigDecimal d) {
              value = d.doubleValue();
            } else if (value != null && !(value instanceof Number || value instanceof Boolean)) {
              value = value.toString();
            }
            row.put(meta.getColumnLabel(i), value);
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Juggernaut database: " + e.getMessage(), e);
    }
  }

  /** The single number a query answers, or 0. */
  long count(String sql, Object... params) {
    List<Map<String, Object>> rows = query(sql, params);
    if (rows.isEmpty()) {
      return 0;
    }
    Object value = rows.get(0).values().iterator().next();
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static int exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      ps.setObject(i + 1, p instanceof Instant at ? Timestamp.from(at) : p);
    }
  }
}

package dev.runbooks.worker.seeds.juggernaut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Juggernaut tests share: the system's URL, faults, requests and its database rows. */
final class Juggernaut {
  final SeedHarness h;
  final String base;

  private Juggernaut(SeedHarness h) {
    this.h = h;
    this.base = h.testbed().url("juggernaut").toString();
  }

  /** A fresh harness and Juggernaut. */
  static Juggernaut fresh() {
    return new Juggernaut(SeedHarness.get().fresh());
  }

  /** Injects a fault with parameters. */
  JsonNode inject(String fault, Map<String, ?> params) {
    return h.post(base + "/admin/faults/" + fault, params);
  }

  /** Clears a fault. */
  JsonNode clear(String fault) {
    return h.delete(base + "/admin/faults/" + fault);
  }

  /** The system's true state. */
  JsonNode state() {
    return h.get(base + "/admin/state");
  }

  /** GET on the system. */
  JsonNode get(String path) {
    return h.get(base + path);
  }

  /** The mutating requests the system received on a path (method and path as "POST /x"). */
  List<JsonNode> requests(String method, String path) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      if (r.path("method").asText().equals(method) && r.path("path").asText().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Every mutating request the system received, as "METHOD path". */
  List<String> requestLines() {
    List<String> out = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      out.add(r.path("method").asText() + " " + r.path("path").asText());
    }
    return out;
  }

  /** Rows of a query on the testbed database, by column label. */
  List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection c = h.seedDatabase().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single number a query answers. */
  long count(String sql, Object... params) {
    return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
  }

  /** A short description of a run for assertion messages: outcome, message and steps run. */
  static String describe(JsonNode run) {
    JsonNode report = run.path("report");
    return report.path("outcome").asText()
        + ": "
        + report.path("message").asText(run.path("error").toString())
        + " steps "
        + SeedHarness.stepsRun(run);
  }

  /** Waits for a run and returns it. */
  JsonNode await(String workflowId) {
    return h.awaitRun(workflowId, java.time.Duration.ofSeconds(90));
  }

  /** The audit rows of a run as "action target outcome". */
  List<String> audit(String workflowId) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      out.add(
          row.path("action").asText()
              + " "
              + row.path("target").asText()
              + " "
              + row.path("outcome").asText());
    }
    return out;
  }
}

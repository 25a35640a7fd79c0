package dev.runbooks.worker.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's alert inbox as {@code GET /api/alerts} shows it, read by {@link
 * SeedMonitoringLoopTest}: the rows that came in after a point, found by what Alertmanager posted.
 */
final class Inbox {
  private final SeedHarness harness;

  Inbox(SeedHarness harness) {
    this.harness = harness;
  }

  /** The id of the newest row, or 0: later rows have larger ids. */
  long newestId() {
    JsonNode rows = harness.get("/api/alerts?limit=1").path("alerts");
    return rows.isEmpty() ? 0 : rows.get(0).path("id").asLong();
  }

  /**
   * The rows from Alertmanager after {@code since}, oldest first, with the given name and status,
   * each as its detail ({@code GET /api/alerts/{id}}: the alert with its labels, the routes).
   */
  List<JsonNode> after(long since, String name, String status) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode row :
        harness.get("/api/alerts?source=alertmanager&limit=100&status=" + status).path("alerts")) {
      if (row.path("id").asLong() > since && row.path("name").asText().equals(name)) {
        rows.add(0, harness.get("/api/alerts/" + row.path("id").asLong()));
      }
    }
    return rows;
  }

  /**
   * The first row after {@code since} of that name and status whose alert carries the label {@code
   * instance}, once the dispatcher handled it; null while there is none.
   */
  JsonNode handled(long since, String name, String status, String instance) {
    for (JsonNode row : after(since, name, status)) {
      if (row.path("alert").path("labels").path("instance").asText().equals(instance)) {
        return row.path("state").asText().equals("pending") ? null : row;
      }
    }
    return null;
  }

  /** Every route of every row after {@code since} for the alert's fingerprint. */
  List<JsonNode> routes(long since, String name, String fingerprint) {
    List<JsonNode> routes = new ArrayList<>();
    for (String status : List.of("firing", "resolved")) {
      for (JsonNode row : after(since, name, status)) {
        if (row.path("fingerprint").asText().equals(fingerprint)) {
          row.path("routes").forEach(routes::add);
        }
      }
    }
    return routes;
  }

  /** The newest rows, for failure messages. */
  String recent() {
    return harness.get("/api/alerts?limit=10").toString();
  }
}

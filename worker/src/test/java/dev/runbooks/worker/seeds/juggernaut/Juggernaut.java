package dev.runbooks.worker.seeds.juggernaut;

import dev.runbooks.worker.seeds.SeedSystem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Juggernaut tests share beyond {@link SeedSystem}: the rows of its database. */
final class Juggernaut extends SeedSystem {
  private Juggernaut() {
    super("juggernaut", Duration.ofSeconds(90));
  }

  /** A fresh harness and Juggernaut. */
  static Juggernaut fresh() {
    return new Juggernaut();
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
}

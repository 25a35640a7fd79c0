// Used by scripts/chaos.sh (scenario 4), run as a single-file program with the PostgreSQL JDBC
// driver on the class path:
//   java -cp postgresql.jar DlqTable.java JDBC_URL seed N   creates the tables, N pending items
//   java -cp postgresql.jar DlqTable.java JDBC_URL count    prints "<moved> <distinct> <retried>"
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class DlqTable {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], "postgres", "");
        Statement s = c.createStatement()) {
      if (args[1].equals("seed")) {
        s.execute("DROP TABLE IF EXISTS chaos_dlq, chaos_tasks");
        s.execute(
            "CREATE TABLE chaos_dlq (id TEXT PRIMARY KEY, task_id TEXT NOT NULL,"
                + " failure_reason TEXT, status TEXT NOT NULL DEFAULT 'pending',"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(), resolution_note TEXT)");
        s.execute("CREATE TABLE chaos_tasks (seq BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL)");
        s.execute(
            "INSERT INTO chaos_dlq (id, task_id, failure_reason) SELECT 'item-' ||"
                + " lpad(g::text, 5, '0'), 'task-' || g, 'connection reset' FROM"
                + " generate_series(1, "
                + Integer.parseInt(args[2])
                + ") g");
        return;
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT (SELECT count(*) FROM chaos_tasks), (SELECT count(DISTINCT task_id) FROM"
                  + " chaos_tasks), (SELECT count(*) FROM chaos_dlq WHERE status = 'retried')")) {
        rs.next();
        System.out.println(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
      }
    }
  }
}

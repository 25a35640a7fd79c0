package dev.runbooks.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

/**
 * What a {@link TestbedSystem} gets from the testbed when it starts.
 *
 * @param dataDir a directory of the system's own (created), for files it keeps on disk
 * @param scheduler runs periodic simulation ticks; tasks must synchronize on their system
 * @param database the testbed's PostgreSQL database (started on first use)
 * @param clock the clock every time in the system comes from
 * @param json the object mapper for bodies and state
 */
public record SystemContext(
    Path dataDir,
    ScheduledExecutorService scheduler,
    Database database,
    Clock clock,
    ObjectMapper json) {

  /** The testbed's PostgreSQL database, started when a system first asks for it. */
  public interface Database {
    /** The data source, starting the database if needed. */
    DataSource dataSource();

    /** The JDBC URL (with user and password) the runbook engine uses to reach the same data. */
    String jdbcUrl();
  }
}

package dev.runbooks.starter.intake;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL for the whole test JVM, and a fresh database in it for each Spring
 * context, so contexts never see each other's rows.
 */
final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  /** A pooled data source over a new, empty database. */
  static HikariDataSource fresh() {
    return fresh(server(), 1_000 + 4_000);
  }

  /** {@link #fresh()} with the intake's migrations applied. */
  static HikariDataSource migrated() {
    HikariDataSource dataSource = fresh();
    org.flywaydb.core.Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return dataSource;
  }

  static HikariDataSource fresh(EmbeddedPostgres pg, long connectionTimeoutMillis) {
    String name = "intake_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.getJdbcUrl("postgres", name));
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(connectionTimeoutMillis);
    return new HikariDataSource(config);
  }
}

package dev.runbooks.activities.internal;

import dev.runbooks.activities.Datasources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL (zonky) for the test JVM, and a fresh database in it for each test
 * class or test, so tests never see each other's rows.
 */
final class TestPostgres {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

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

  /** A JDBC URL of a new, empty database. */
  static String freshUrl() {
    String name = "activities_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Pooled datasources with one entry, {@code name}, over a new, empty database. */
  static Datasources.Pooled fresh(String name) {
    return Datasources.pooled(
        Map.of(name, new Datasources.Definition(freshUrl(), "postgres", null, 8)));
  }

  /** Runs statements on a datasource (set-up and checks of the tests). */
  static void exec(DataSource dataSource, String... sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A registry of exactly one data source. */
  static Datasources single(String name, DataSource dataSource) {
    return new Datasources() {
      @Override
      public Optional<DataSource> find(String n) {
        return n.equals(name) ? Optional.of(dataSource) : Optional.empty();
      }

      @Override
      public Set<String> names() {
        return Set.of(name);
      }
    };
  }
}

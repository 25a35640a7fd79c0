package dev.runbooks.testbed;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The testbed's database: a given PostgreSQL, or an embedded one started on first use. */
final class EmbeddedDatabase implements SystemContext.Database, AutoCloseable {
  private final Path dir;
  private final String givenUrl;
  private final int port;
  private EmbeddedPostgres postgres;
  private PGSimpleDataSource dataSource;

  EmbeddedDatabase(Path dir, String givenUrl, int port) {
    this.dir = dir;
    this.givenUrl = givenUrl;
    this.port = port;
  }

  @Override
  public synchronized DataSource dataSource() {
    if (dataSource == null) {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(jdbcUrl());
      dataSource = source;
    }
    return dataSource;
  }

  @Override
  public synchronized String jdbcUrl() {
    if (givenUrl != null) {
      return givenUrl;
    }
    if (postgres == null) {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setPort(port)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the testbed's embedded PostgreSQL", e);
      }
    }
    return "jdbc:postgresql://localhost:"
        + postgres.getPort()
        + "/postgres?user=postgres&password=postgres";
  }

  @Override
  public synchronized void close() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      postgres = null;
    }
  }
}

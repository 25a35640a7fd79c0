package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.inbox.internal.InboxStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The {@code inbox} health contributor on a real PostgreSQL with the inbox's own schema. */
class InboxHealthIndicatorTest {

  @Test
  void upWithThePendingCountAndTheOldestPendingAge() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      var dataSource = postgres.getPostgresDatabase();
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      InboxHealthIndicator inbox =
          new InboxHealthIndicator(new InboxStore(Jdbi.create(dataSource)));
      Health empty = inbox.health();
      assertThat(empty.getStatus()).isEqualTo(Status.UP);
      assertThat(empty.getDetails())
          .containsEntry("pending", 0L)
          .doesNotContainKey("oldestPendingAge");

      try (Connection c = dataSource.getConnection()) {
        c.createStatement()
            .execute(
                "INSERT INTO alert_inbox (source, received_at, status, name, fingerprint, alert,"
                    + " state, next_attempt_at, updated_at) VALUES"
                    + " ('alertmanager', now() - interval '90 seconds', 'firing', 'A', 'f1', '{}',"
                    + " 'pending', now(), now()),"
                    + " ('alertmanager', now() - interval '10 seconds', 'firing', 'B', 'f2', '{}',"
                    + " 'pending', now(), now()),"
                    + " ('alertmanager', now() - interval '1 hour', 'firing', 'C', 'f3', '{}',"
                    + " 'dispatched', now(), now())");
      }
      Health waiting = inbox.health();
      assertThat(waiting.getStatus()).isEqualTo(Status.UP);
      assertThat(waiting.getDetails()).containsEntry("pending", 2L);
      Duration age = Duration.parse((String) waiting.getDetails().get("oldestPendingAge"));
      assertThat(age).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(150));
    }
  }

  @Test
  void downWithTheErrorKindWhenTheDatabaseDoesNotAnswer() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL("jdbc:postgresql://127.0.0.1:" + closed + "/postgres");
    dataSource.setUser("runbooks");
    dataSource.setPassword("not-in-the-answer");
    Health health = new InboxHealthIndicator(new InboxStore(Jdbi.create(dataSource))).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("error", "PSQLException")
        .containsEntry("sqlState", "08001");
    assertThat(health.getDetails().toString()).doesNotContain("not-in-the-answer", "127.0.0.1");
  }
}

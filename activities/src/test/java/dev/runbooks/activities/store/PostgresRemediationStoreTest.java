package dev.runbooks.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.RestartLedger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The restart ledger, quarantine and audit trail on a real (embedded) PostgreSQL migrated with the
 * starter's {@code V2__remediation.sql}: what one store writes, a new store (a restarted worker)
 * reads.
 */
class PostgresRemediationStoreTest {
  private static final Path MIGRATION =
      Path.of("../starter/src/main/resources/db/migration/V2__remediation.sql");
  private static EmbeddedPostgres pg;

  @BeforeAll
  static void migrate() throws Exception {
    pg = EmbeddedPostgres.builder().start();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(Files.readString(MIGRATION));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  private static PostgresRemediationStore store() {
    return new PostgresRemediationStore(pg.getPostgresDatabase());
  }

  @Test
  void restartsAreRecordedOncePerStepAndCountedInTheWindow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PostgresRemediationStore store = store();
    assertThat(store.recordRestart("api", "wf-1", "restart", now)).isTrue();
    assertThat(store.recordRestart("api", "wf-1", "restart", now.plusSeconds(5))).isFalse();
    store.recordRestart("api", "wf-2", "restart", now.minus(Duration.ofHours(2)));

    PostgresRemediationStore restarted = store();
    assertThat(restarted.restartedBy("api", "wf-1", "restart")).contains(now);
    assertThat(restarted.restartsSince("api", now.minus(Duration.ofHours(1)))).isEqualTo(1);
    assertThat(restarted.restartsSince("api", now.minus(Duration.ofHours(3)))).isEqualTo(2);
  }

  @Test
  void quarantineSurvivesANewStoreUntilCleared() {
    store()
        .quarantine(
            new RestartLedger.Quarantine("razar", Instant.now(), "4 restarts", "wf-9", "razar"));

    PostgresRemediationStore restarted = store();
    assertThat(restarted.quarantined("razar"))
        .get()
        .extracting(RestartLedger.Quarantine::reason)
        .isEqualTo("4 restarts");
    assertThat(restarted.quarantines())
        .extracting(RestartLedger.Quarantine::target)
        .contains("razar");
    assertThat(restarted.clear("razar")).isTrue();
    assertThat(restarted.clear("razar")).isFalse();
    assertThat(store().quarantined("razar")).isEmpty();
  }

  @Test
  void auditEntriesAreKeptOncePerStepAndKey() {
    PostgresRemediationStore store = store();
    AuditEntry entry =
        new AuditEntry(
            null,
            "wf-a",
            "juggernaut",
            "drain",
            "dlq.retry",
            "j/dead_letter_queue",
            "succeeded",
            "dlq.retry:j/dead_letter_queue",
            Map.of("retried", 35));
    store.append(entry);
    store.append(entry);
    store.append(
        new AuditEntry(
            null,
            "wf-b",
            "other",
            "restart",
            "restart",
            "api",
            "restarted",
            "restart:api",
            Map.of()));

    assertThat(store.find("juggernaut", null, 50)).hasSize(1);
    AuditEntry read = store.find(null, "j/dead_letter_queue", 50).get(0);
    assertThat(read.details()).containsEntry("retried", 35);
    assertThat(read.at()).isNotNull();
    assertThat(store.find(null, null, 50))
        .extracting(AuditEntry::workflowId)
        .containsExactly("wf-b", "wf-a");
  }
}

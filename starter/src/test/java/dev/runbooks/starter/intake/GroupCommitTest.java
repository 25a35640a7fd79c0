package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxDelivery;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.intake.internal.GroupCommit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks' group commit on a real PostgreSQL: requests waiting together are stored in one
 * transaction with the same answers as one by one (ids in order, replays refused, within the batch
 * too), and a batch that fails stores nothing half-way and fails only the requests it must.
 */
class GroupCommitTest {
  private HikariDataSource dataSource;
  private Jdbi jdbi;
  private InboxStore store;
  private final AtomicInteger wakes = new AtomicInteger();
  private final Set<String> wokenSeverities = ConcurrentHashMap.newKeySet();
  private GroupCommit commits;

  @BeforeEach
  void database() {
    dataSource = TestDatabase.migrated();
    jdbi = Jdbi.create(dataSource);
    store = new InboxStore(jdbi);
    // Four rows or two seconds make a batch, so the requests below commit together.
    commits =
        new GroupCommit(
            store,
            new IntakeMetrics(new SimpleMeterRegistry()),
            new WebhookProperties(1, 4, Duration.ofSeconds(2)),
            severities -> {
              wokenSeverities.addAll(severities);
              wakes.incrementAndGet();
            });
  }

  @AfterEach
  void close() {
    commits.close();
    dataSource.close();
  }

  @Test
  void waitingRequestsShareOneTransactionWithTheAnswersOfOneByOne() throws Exception {
    CompletableFuture<Optional<List<Long>>> first = commits.submit(delivery("d-1", "firing"));
    CompletableFuture<Optional<List<Long>>> replay = commits.submit(delivery("d-1", "firing"));
    CompletableFuture<Optional<List<Long>>> unsigned =
        commits.submit(delivery(null, "resolved", "firing"));

    List<Long> firstIds = first.get().orElseThrow();
    assertThat(replay.get()).as("the same delivery id in the same batch").isEmpty();
    List<Long> unsignedIds = unsigned.get().orElseThrow();
    assertThat(firstIds).hasSize(1);
    assertThat(unsignedIds).hasSize(2).isSorted();
    assertThat(unsignedIds.get(0)).isGreaterThan(firstIds.get(0));
    assertThat(store.find(unsignedIds.get(0)).orElseThrow().alert().status()).isEqualTo("resolved");
    assertThat(store.find(unsignedIds.get(1)).orElseThrow().alert().status()).isEqualTo("firing");
    assertThat(store.find(firstIds.get(0)).orElseThrow().context()).containsEntry("receiver", "x");
    assertThat(count("SELECT count(DISTINCT xmin::text) FROM alert_inbox"))
        .as("one transaction")
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM alert_notifications")).isEqualTo(2);
    assertThat(wakes.get()).isEqualTo(1);
    assertThat(wokenSeverities).as("the stored alerts' severities: none").containsExactly("");

    // A replay of a delivery committed earlier is refused as before.
    assertThat(commits.submit(delivery("d-1", "firing")).get()).isEmpty();
    assertThat(count("SELECT count(*) FROM alert_inbox")).isEqualTo(3);
  }

  @Test
  void aBatchTheDatabaseRefusesStoresNothingHalfWay() {
    assertThatThrownBy(
            () -> store.acceptAll(List.of(delivery("d-ok", "firing"), delivery(null, "bogus"))))
        .isInstanceOf(JdbiException.class);
    assertThat(count("SELECT count(*) FROM alert_inbox")).isZero();
    assertThat(count("SELECT count(*) FROM alert_notifications")).isZero();
    assertThat(count("SELECT count(*) FROM webhook_deliveries")).isZero();
  }

  @Test
  void aRequestWithAValueTheDatabaseRefusesFailsAloneAndTheOthersAreStored() throws Exception {
    CompletableFuture<Optional<List<Long>>> before = commits.submit(delivery("d-a", "firing"));
    CompletableFuture<Optional<List<Long>>> bad = commits.submit(delivery("d-b", "bogus"));
    CompletableFuture<Optional<List<Long>>> after = commits.submit(delivery(null, "firing"));

    assertThat(before.get()).isPresent();
    assertThat(after.get()).isPresent();
    assertThatThrownBy(bad::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(JdbiException.class)
        .hasMessageContaining("alert_inbox_status_check");
    assertThat(count("SELECT count(*) FROM alert_inbox")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM alert_notifications")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE delivery_id = 'd-b'"))
        .as("the refused request's delivery id is not kept: its retry is stored")
        .isZero();
  }

  @Test
  void aBatchThatFailsFailsItsRequestsAndTheNextBatchIsStored() throws Exception {
    jdbi.useHandle(h -> h.execute("ALTER TABLE alert_inbox RENAME TO alert_inbox_away"));
    List<CompletableFuture<Optional<List<Long>>>> failed = new ArrayList<>();
    for (String id : List.of("d-1", "d-2", "d-3")) {
      failed.add(commits.submit(delivery(id, "firing")));
    }
    for (CompletableFuture<Optional<List<Long>>> answer : failed) {
      assertThatThrownBy(answer::get).cause().isInstanceOf(JdbiException.class);
    }
    assertThat(count("SELECT count(*) FROM webhook_deliveries"))
        .as("the delivery ids inserted before the failure were rolled back")
        .isZero();
    assertThat(count("SELECT count(*) FROM alert_notifications")).isZero();
    assertThat(wakes.get()).isZero();

    jdbi.useHandle(h -> h.execute("ALTER TABLE alert_inbox_away RENAME TO alert_inbox"));
    assertThat(commits.submit(delivery("d-1", "firing")).get()).isPresent();
    assertThat(count("SELECT count(*) FROM alert_inbox")).isEqualTo(1);
    assertThat(wakes.get()).isEqualTo(1);
  }

  @Test
  void afterCloseNothingIsTaken() {
    commits.close();
    assertThatThrownBy(() -> commits.submit(delivery(null, "firing")).get())
        .cause()
        .isInstanceOf(IllegalStateException.class);
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** A notification of alerts with these statuses, signed with a delivery id unless null. */
  private static InboxDelivery delivery(String deliveryId, String... statuses) {
    List<InboundAlert> alerts = new ArrayList<>();
    for (String status : statuses) {
      alerts.add(
          new InboundAlert(
              "alertmanager",
              "DiskFull",
              status,
              Map.of("instance", "db-1"),
              Map.of(),
              null,
              null,
              "2026-12-07T07:00:00Z",
              null,
              null,
              null));
    }
    return InboxDelivery.of(
        "alertmanager", deliveryId, alerts, Map.of("receiver", "x"), Instant.now());
  }
}

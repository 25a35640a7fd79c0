package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxClaim;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's claim on a real PostgreSQL: each row's rank (overdue, then the severity order,
 * then the rest), a critical alert found behind a backlog of warnings by the candidates alone, and
 * two claims at once (two replicas) never splitting the rows of one alert out of order.
 */
class ClaimOrderTest {
  private static final List<String> ORDER = List.of("critical", "warning", "info");

  private HikariDataSource dataSource;
  private Jdbi jdbi;
  private InboxStore store;

  @BeforeEach
  void database() {
    dataSource = TestDatabase.migrated();
    jdbi = Jdbi.create(dataSource);
    store = new InboxStore(jdbi);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void eachRowIsRankedByItsAlertsOldestPendingRow() {
    Instant now = Instant.now();
    long overdue = send("fp-old", "warning", now.minusSeconds(600));
    long none = send("fp-none", null, now.minusSeconds(5));
    long other = send("fp-other", "page", now.minusSeconds(4));
    long info = send("fp-info", "INFO", now.minusSeconds(3));
    long firstOfX = send("fp-x", "warning", now.minusSeconds(2));
    long critical = send("fp-c", "critical", now.minusSeconds(1));
    long secondOfX = send("fp-x", "critical", now); // ranked by fp-x's warning

    List<InboxClaim.Claimed> claimed =
        jdbi.inTransaction(h -> store.claimRanked(h, 10, now, ORDER, now.minusSeconds(300)));

    assertThat(claimed.stream().map(c -> c.row().id()))
        .containsExactly(overdue, critical, firstOfX, secondOfX, info, none, other);
    assertThat(claimed.stream().map(InboxClaim.Claimed::rank)).containsExactly(0, 1, 2, 2, 3, 4, 4);
  }

  @Test
  void aCriticalAlertBehindAThousandWarningsIsClaimedFirst() {
    Instant now = Instant.now();
    for (int i = 0; i < 1_000; i++) {
      send("fp-w" + i, "warning", now.minusSeconds(10));
    }
    long critical = send("fp-c", "critical", now);

    List<InboxClaim.Claimed> claimed =
        jdbi.inTransaction(h -> store.claimRanked(h, 5, now, ORDER, now.minusSeconds(30)));

    assertThat(claimed).hasSize(5);
    assertThat(claimed.get(0).row().id()).isEqualTo(critical);
    assertThat(claimed.get(0).rank()).isEqualTo(1);
    assertThat(claimed.subList(1, 5)).allSatisfy(c -> assertThat(c.rank()).isEqualTo(2));
  }

  @Test
  void twoClaimsAtOnceNeverSplitTheRowsOfOneAlert() {
    Instant now = Instant.now();
    long firstOfX = send("fp-x", "warning", now.minusSeconds(3));
    long secondOfX = send("fp-x", "warning", now.minusSeconds(2));
    long y = send("fp-y", "warning", now.minusSeconds(1));

    try (Handle a = jdbi.open();
        Handle b = jdbi.open()) {
      a.begin();
      assertThat(ids(store.claimRanked(a, 1, now, ORDER, now.minusSeconds(30))))
          .containsExactly(firstOfX);
      b.begin();
      // The second claim skips the row the first holds, and then must not take fp-x's next row.
      assertThat(ids(store.claimRanked(b, 10, now, ORDER, now.minusSeconds(30))))
          .containsExactly(y);
      assertThat(store.claim(b, 10, now).stream().map(InboxRow::id))
          .as("oldest first too")
          .containsExactly(y);
      b.rollback();
      store.finish(a, firstOfX, "dispatched", List.of(), null, now);
      a.commit();
    }
    assertThat(ids(jdbi.inTransaction(h -> store.claimRanked(h, 10, now, ORDER, now))))
        .as("once the first is dispatched")
        .containsExactly(secondOfX, y);
  }

  @Test
  void aSecondClaimAtOnceTakesTheNextRowsNotNothing() {
    Instant now = Instant.now();
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(send("fp-" + i, "warning", now.minusSeconds(10 - i)));
    }
    long critical = send("fp-c", "critical", now);
    try (Handle a = jdbi.open();
        Handle b = jdbi.open()) {
      a.begin();
      assertThat(ids(store.claimRanked(a, 2, now, ORDER, now.minusSeconds(30))))
          .containsExactly(critical, ids.get(0));
      b.begin();
      // The first claim's candidates (the 2 oldest rows, the oldest critical and warnings) are
      // locked: the second claim's are the next rows.
      assertThat(ids(store.claimRanked(b, 2, now, ORDER, now.minusSeconds(30))))
          .containsExactly(ids.get(2), ids.get(3));
      b.rollback();
      a.rollback();
    }
  }

  @Test
  void aRowWaitingOutItsBackOffDoesNotHoldBackItsAlertsLaterRows() {
    Instant now = Instant.now();
    long first = send("fp-x", "warning", now.minusSeconds(2));
    long second = send("fp-x", "warning", now.minusSeconds(1));
    jdbi.useHandle(h -> store.retry(h, first, now.plusSeconds(60), "unavailable", now));

    assertThat(ids(jdbi.inTransaction(h -> store.claimRanked(h, 10, now, ORDER, now))))
        .containsExactly(second);
  }

  private static List<Long> ids(List<InboxClaim.Claimed> claimed) {
    return claimed.stream().map(c -> c.row().id()).toList();
  }

  private long send(String fingerprint, String severity, Instant at) {
    InboundAlert alert = TestAlerts.storm(fingerprint, severity);
    return store.accept("alertmanager", null, List.of(alert), Map.of(), at).orElseThrow().get(0);
  }
}

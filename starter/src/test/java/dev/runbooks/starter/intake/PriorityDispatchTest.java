package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.dispatch.internal.AlertDispatcher;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.tracing.RunbookTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * Severity priority and its fairness on the real app (real PostgreSQL, Temporal test server,
 * worker): the application's own dispatcher sleeps an hour, so each test fills the inbox first (a
 * storm's backlog) and then runs passes itself. A critical alert behind 3,000 pending warnings is
 * dispatched in the first pass; an alert that waited longer than {@code max-wait} goes ahead of
 * newer critical ones; the rows of one fingerprint keep their order whatever their severities; a
 * pass out of budget leaves the rest of its batch, in order, to the next.
 */
@SpringBootTest(
    classes = {IntakeTestApplication.class, PriorityDispatchTest.Meters.class},
    properties = {
      "runbook.intake.dispatcher.interval=1h",
      "runbook.intake.dispatcher.wake-on-accept=false",
      "runbook.intake.dispatcher.batch-size=50",
      "runbook.intake.dispatcher.max-wait=30s",
      "runbook.intake.dispatcher.pass-budget=10m",
      "runbook.intake.allow-unauthenticated=true"
    })
class PriorityDispatchTest {
  /** Keeps the meters, to read the lag gauges. */
  @TestConfiguration
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Autowired AlertDispatcher dispatcher;
  @Autowired InboxStore inbox;
  @Autowired WindowStore windows;
  @Autowired WorkflowClient client;
  @Autowired RunbookCatalog catalog;
  @Autowired IntakeMetrics intakeMetrics;
  @Autowired ActionAudit audit;
  @Autowired MeterRegistry meters;

  /**
   * Each test starts from an inbox with nothing pending (the context, and its database, persist).
   */
  @BeforeEach
  void nothingPending() {
    inbox
        .jdbi()
        .useHandle(
            h -> h.execute("UPDATE alert_inbox SET state = 'ignored' WHERE state = 'pending'"));
  }

  @Test
  void aCriticalAlertBehindThreeThousandWarningsIsDispatchedInTheFirstPass() {
    Instant now = Instant.now();
    List<InboundAlert> storm = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      storm.add(alert("fp-warn-" + i, "warning"));
    }
    List<Long> warnings =
        inbox.accept("alertmanager", null, storm, Map.of(), now.minusSeconds(10)).orElseThrow();
    long critical =
        inbox
            .accept("alertmanager", null, List.of(alert("fp-crit", "critical")), Map.of(), now)
            .orElseThrow()
            .get(0);

    long t0 = System.nanoTime();
    assertThat(dispatcher.pass()).isEqualTo(50);
    System.out.printf(
        "priority: a pass of 50 over 3,001 pending rows in %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);

    InboxRow row = inbox.find(critical).orElseThrow();
    assertThat(row.state()).isEqualTo("dispatched");
    assertThat(row.routes().get(0)).containsEntry("action", "started");
    // The rest of the batch: the 49 oldest warnings, in order; 2,951 still wait.
    List<Long> ids = warnings;
    for (int i = 0; i < 60; i++) {
      assertThat(inbox.find(ids.get(i)).orElseThrow().state())
          .as("warning %d", i)
          .isEqualTo(i < 49 ? "dispatched" : "pending");
    }
    assertThat(inbox.depth().pending()).isEqualTo(2_951);
    long c0 = System.nanoTime();
    int claimed =
        inbox
            .jdbi()
            .inTransaction(
                h -> {
                  Instant at = Instant.now();
                  int n =
                      inbox
                          .claim(
                              h,
                              200,
                              at,
                              List.of("critical", "warning", "info"),
                              at.minusSeconds(30))
                          .size();
                  h.rollback();
                  return n;
                });
    assertThat(claimed).isEqualTo(200);
    long byId = System.nanoTime();
    inbox
        .jdbi()
        .useTransaction(
            h -> {
              assertThat(inbox.claim(h, 200, Instant.now())).hasSize(200);
              h.rollback();
            });
    System.out.printf(
        "priority: a claim of 200 oldest first (no priority) in %d ms%n",
        (System.nanoTime() - byId) / 1_000_000);
    System.out.printf(
        "priority: a claim of 200 by severity over 2,951 pending rows in %d ms%n",
        (byId - c0) / 1_000_000);
    // The gauges of that pass: the critical alert and the warnings were waiting.
    assertThat(lag("warning")).isGreaterThanOrEqualTo(10.0);
    assertThat(lag("critical")).isGreaterThanOrEqualTo(0.0).isLessThan(lag("warning"));
    assertThat(lag("info")).isZero();
    assertThat(lag("other")).isZero();
  }

  @Test
  void anAlertOlderThanMaxWaitGoesAheadOfNewerCriticalOnesAndAFingerprintKeepsItsOrder() {
    Instant now = Instant.now();
    // In arrival order (ids ascending):
    long oldWarning = send(alert("fp-old", "warning"), now.minusSeconds(600)); // waited > max-wait
    long none = send(alert("fp-none", null), now.minusSeconds(4));
    long info = send(alert("fp-info", "info"), now.minusSeconds(3));
    long firstOfX = send(alert("fp-x", "warning"), now.minusSeconds(2));
    long newWarning = send(alert("fp-new", "Warning"), now.minusSeconds(1));
    long critical1 = send(alert("fp-c1", "critical"), now);
    long critical2 = send(alert("fp-c2", "CRITICAL"), now);
    long secondOfX = send(alert("fp-x", "critical"), now); // behind fp-x's warning

    AlertDispatcher oneByOne = oneRowPerPass();
    List<Long> order = new ArrayList<>();
    List<Long> all =
        List.of(oldWarning, none, info, firstOfX, newWarning, critical1, critical2, secondOfX);
    for (int pass = 0; pass < all.size(); pass++) {
      assertThat(oneByOne.pass()).isEqualTo(1);
      all.stream()
          .filter(id -> !order.contains(id))
          .filter(id -> !"pending".equals(inbox.find(id).orElseThrow().state()))
          .forEach(order::add);
      assertThat(order).hasSize(pass + 1);
    }
    assertThat(order)
        .containsExactly(
            oldWarning, critical1, critical2, firstOfX, secondOfX, newWarning, info, none);
    assertThat(inbox.find(secondOfX).orElseThrow().routes().get(0))
        .containsEntry("action", "repeated");
  }

  @Test
  void aPassOutOfBudgetLeavesTheRestOfItsBatchPendingForTheNextPass() {
    Instant now = Instant.now();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(send(alert("fp-budget-" + i, "warning"), now.minusSeconds(5 - i)));
    }
    MeterRegistry registry = new SimpleMeterRegistry();
    AlertDispatcher spent = dispatcher(50, Duration.ofNanos(1), registry);

    // Each pass claims all five, starts the first and leaves the rest, in order, for the next.
    for (int pass = 1; pass <= 5; pass++) {
      assertThat(spent.pass()).isEqualTo(1);
      for (int i = 0; i < 5; i++) {
        assertThat(inbox.find(ids.get(i)).orElseThrow().state())
            .as("pass %d, row %d", pass, i)
            .isEqualTo(i < pass ? "dispatched" : "pending");
      }
    }
    assertThat(inbox.depth().pending()).isZero();
    assertThat(
            registry.get("runbook.dispatcher.passes.cut").tag("reason", "budget").counter().count())
        .isEqualTo(4.0);
  }

  /**
   * A second dispatcher over the same inbox that takes one row per pass, one call at a time, with a
   * max-wait of 5 minutes (so only the alert that waited 10 minutes is overdue, however slow the
   * passes are on a loaded machine).
   */
  private AlertDispatcher oneRowPerPass() {
    return dispatcher(1, null, new SimpleMeterRegistry());
  }

  /** Such a dispatcher taking {@code batch} rows per pass, with this pass budget. */
  private AlertDispatcher dispatcher(int batch, Duration passBudget, MeterRegistry registry) {
    IntakeProperties props =
        new IntakeProperties(
            true,
            DataSize.ofMegabytes(1),
            Duration.ofMinutes(5),
            null,
            null,
            new IntakeProperties.Dispatcher(
                true,
                batch,
                Duration.ofHours(1),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                10),
            null,
            100,
            true,
            null,
            null);
    return new AlertDispatcher(
        inbox,
        windows,
        client,
        catalog,
        props,
        new IntakeMetrics(registry),
        new DispatchPoolProperties(1, false, null, Duration.ofMinutes(5), passBudget),
        audit,
        null,
        RunbookTracing.off());
  }

  private double lag(String severity) {
    return meters.get("runbook.inbox.oldest.pending").tag("severity", severity).gauge().value();
  }

  private long send(InboundAlert alert, Instant at) {
    return inbox.accept("alertmanager", null, List.of(alert), Map.of(), at).orElseThrow().get(0);
  }

  private static InboundAlert alert(String fingerprint, String severity) {
    return TestAlerts.storm(fingerprint, severity);
  }
}

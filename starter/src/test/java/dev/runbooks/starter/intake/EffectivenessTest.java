package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.effectiveness.EffectivenessProperties;
import dev.runbooks.starter.effectiveness.internal.EffectivenessEvaluator;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Effectiveness on a real PostgreSQL, over inbox rows as the dispatcher writes them (a firing row
 * whose route started a run, later resolved and firing rows of the same fingerprint): resolved
 * within the window and quiet after it is effective, no resolve in the window is not_resolved, a
 * re-fire within the quiet period is refired, an undecided run is counted later, and a verdict is
 * counted once with two evaluators on one database.
 */
class EffectivenessTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final EffectivenessProperties PROPS =
      new EffectivenessProperties(
          true, Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofMinutes(1));

  private HikariDataSource ds;
  private Jdbi jdbi;
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  @TempDir Path catalogDir;

  @BeforeEach
  void database() {
    ds = TestDatabase.fresh();
    Flyway.configure().dataSource(ds).load().migrate();
    jdbi = Jdbi.create(ds);
  }

  @AfterEach
  void close() {
    ds.close();
  }

  private EffectivenessEvaluator evaluator(MeterRegistry registry) {
    return new EffectivenessEvaluator(
        new EffectivenessStore(jdbi), new RunbookCatalog(catalogDir), PROPS, registry, clock);
  }

  /** An inbox row; a firing one with a run id got a started route to that runbook. */
  private void row(String status, String fp, Duration at, String runbook, String runId) {
    String routes =
        runId == null
            ? "[]"
            : "[{\"runbook\":\""
                + runbook
                + "\",\"action\":\"started\",\"workflowId\":\"runbook/"
                + runbook
                + "/"
                + fp
                + "\",\"runId\":\""
                + runId
                + "\"}]";
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO alert_inbox (source, received_at, status, name, fingerprint, alert,"
                        + " state, next_attempt_at, routes, updated_at) VALUES ('alertmanager', :at,"
                        + " :status, 'DiskFull', :fp, '{}', 'dispatched', :at, CAST(:routes AS"
                        + " JSONB), :at)")
                .bind("at", ZonedDateTime.ofInstant(T0.plus(at), ZoneOffset.UTC).toOffsetDateTime())
                .bind("status", status)
                .bind("fp", fp)
                .bind("routes", routes)
                .execute());
  }

  private static double count(MeterRegistry r, String runbook, String verdict) {
    var c =
        r.find("runbook.effectiveness.runs").tags("runbook", runbook, "verdict", verdict).counter();
    return c == null ? 0 : c.count();
  }

  private static double ratio(MeterRegistry r, String runbook) {
    return r.get("runbook.effectiveness.ratio").tags("runbook", runbook).gauge().value();
  }

  @Test
  void verdictsFollowTheResolveWindowAndTheQuietPeriod() {
    // effective: resolved after 10 minutes, quiet since
    row("firing", "a", Duration.ZERO, "disk", "run-a");
    row("firing", "a", Duration.ofMinutes(5), "disk", null); // a repeat while firing: no re-fire
    row("resolved", "a", Duration.ofMinutes(10), null, null);
    // not_resolved: never resolved
    row("firing", "b", Duration.ZERO, "disk", "run-b");
    // not_resolved: resolved, but after the window
    row("firing", "d", Duration.ZERO, "cpu", "run-d");
    row("resolved", "d", Duration.ofMinutes(45), null, null);
    // refired: resolved after 5 minutes, fired again an hour later
    row("firing", "c", Duration.ZERO, "disk", "run-c");
    row("resolved", "c", Duration.ofMinutes(5), null, null);
    row("firing", "c", Duration.ofMinutes(65), null, null);
    // fired again after the quiet period: still effective
    row("firing", "e", Duration.ZERO, "cpu", "run-e");
    row("resolved", "e", Duration.ofMinutes(1), null, null);
    row("firing", "e", Duration.ofHours(5), null, null);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EffectivenessEvaluator evaluator = evaluator(registry);

    now.set(T0.plus(Duration.ofMinutes(20))); // inside every window: nothing final but c
    assertThat(evaluator.evaluate()).containsExactly("run-c=refired");

    now.set(T0.plus(Duration.ofHours(2))); // windows passed, quiet periods not
    assertThat(evaluator.evaluate())
        .containsExactlyInAnyOrder("run-b=not_resolved", "run-d=not_resolved");

    now.set(T0.plus(Duration.ofHours(6)));
    assertThat(evaluator.evaluate())
        .containsExactlyInAnyOrder("run-a=effective", "run-e=effective");
    assertThat(evaluator.evaluate()).isEmpty(); // final verdicts are counted once

    assertThat(count(registry, "disk", "effective")).isEqualTo(1);
    assertThat(count(registry, "disk", "not_resolved")).isEqualTo(1);
    assertThat(count(registry, "disk", "refired")).isEqualTo(1);
    assertThat(count(registry, "cpu", "effective")).isEqualTo(1);
    assertThat(count(registry, "cpu", "not_resolved")).isEqualTo(1);
    assertThat(ratio(registry, "disk")).isEqualTo(1.0 / 3);
    assertThat(ratio(registry, "cpu")).isEqualTo(0.5);
    assertThat(new EffectivenessStore(jdbi).ratios().get("disk").runs()).isEqualTo(3);
  }

  @Test
  void twoEvaluatorsOnOneDatabaseCountEachVerdictOnce() throws Exception {
    for (int i = 0; i < 50; i++) {
      row("firing", "f" + i, Duration.ZERO, "disk", "run-" + i);
      if (i % 2 == 0) {
        row("resolved", "f" + i, Duration.ofMinutes(3), null, null);
      }
    }
    now.set(T0.plus(Duration.ofHours(5)));
    SimpleMeterRegistry one = new SimpleMeterRegistry();
    SimpleMeterRegistry two = new SimpleMeterRegistry();
    EffectivenessEvaluator first = evaluator(one);
    EffectivenessEvaluator second = evaluator(two);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (Callable<List<String>> c :
          List.<Callable<List<String>>>of(first::evaluate, second::evaluate)) {
        results.add(pool.submit(c));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(50).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
    for (String verdict : List.of("effective", "not_resolved")) {
      assertThat(count(one, "disk", verdict) + count(two, "disk", verdict)).isEqualTo(25);
    }
    assertThat(first.evaluate()).isEmpty();
    assertThat(second.evaluate()).isEmpty();
    assertThat(ratio(one, "disk")).isEqualTo(0.5);
    assertThat(ratio(two, "disk")).isEqualTo(0.5);
  }
}

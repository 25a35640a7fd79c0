package dev.runbooks.starter.effectiveness.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.effectiveness.EffectivenessProperties;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore.Candidate;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore.Seen;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, every {@code runbook.effectiveness.interval}, the verdict of each run an alert started
 * once it is final, and publishes the metrics: {@code runbook_effectiveness_runs_total{runbook,
 * verdict}} (counted by the evaluator that wrote the verdict, so once across replicas) and {@code
 * runbook_effectiveness_ratio{runbook}} (the share of effective runs among those decided, read from
 * the database, the same on every replica; NaN for a runbook of the catalog with none decided).
 *
 * <p>A run is {@code effective} when its alert resolved within the resolve window of the run's
 * start and did not fire again within the quiet period after the resolve; {@code not_resolved} when
 * the window passed without a resolve; {@code refired} when it fired again within the quiet period.
 * Until then it is undecided and looked at again at the next evaluation.
 */
public final class EffectivenessEvaluator {
  /** The verdicts, as the metric's {@code verdict} tag and the table's column say them. */
  public static final List<String> VERDICTS = List.of("effective", "not_resolved", "refired");

  private final EffectivenessStore store;
  private final RunbookCatalog catalog;
  private final EffectivenessProperties properties;
  private final MeterRegistry registry;
  private final Clock clock;
  private final MultiGauge ratios;

  /** Creates the evaluator; a {@link dev.runbooks.starter.PeriodicTask} runs it. */
  public EffectivenessEvaluator(
      EffectivenessStore store,
      RunbookCatalog catalog,
      EffectivenessProperties properties,
      MeterRegistry registry,
      Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.properties = properties;
    this.registry = registry;
    this.clock = clock;
    this.ratios =
        MultiGauge.builder("runbook.effectiveness.ratio")
            .description(
                "Share of a runbook's decided runs after which the alert resolved within the"
                    + " resolve window and did not re-fire within the quiet period")
            .register(registry);
  }

  /** The verdict of a run now, or empty while it is not final. */
  Optional<Verdict> decide(Candidate run, Instant now) {
    Instant windowEnd = run.startedAt().plus(properties.resolveWindow());
    Optional<Seen> resolve = store.resolve(run).filter(r -> !r.at().isAfter(windowEnd));
    if (resolve.isEmpty()) {
      return now.isBefore(windowEnd)
          ? Optional.empty()
          : Optional.of(new Verdict(run, null, "not_resolved"));
    }
    Instant quietEnd = resolve.get().at().plus(properties.quietPeriod());
    if (store.refire(run, resolve.get(), quietEnd).isPresent()) {
      return Optional.of(new Verdict(run, resolve.get().at(), "refired"));
    }
    return now.isBefore(quietEnd)
        ? Optional.empty()
        : Optional.of(new Verdict(run, resolve.get().at(), "effective"));
  }

  /**
   * One evaluation: decides what is final, records and counts each verdict this evaluator wrote,
   * and refreshes the ratio gauges. Returns the verdicts this call counted.
   */
  public List<String> evaluate() {
    Instant now = clock.instant();
    List<String> counted = new ArrayList<>();
    for (Candidate run : store.undecided(now)) {
      Optional<Verdict> verdict = decide(run, now);
      if (verdict.isPresent() && store.record(verdict.get(), now)) {
        counter(run.runbook(), verdict.get().verdict()).increment();
        counted.add(run.runId() + "=" + verdict.get().verdict());
      }
    }
    refreshRatios();
    return counted;
  }

  private void refreshRatios() {
    Map<String, EffectivenessStore.Ratio> byRunbook = new TreeMap<>();
    for (CatalogEntry e : catalog.all()) {
      byRunbook.put(e.name(), new EffectivenessStore.Ratio(0, 0));
      VERDICTS.forEach(v -> counter(e.name(), v));
    }
    byRunbook.putAll(store.ratios());
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byRunbook.forEach(
        (runbook, ratio) ->
            rows.add(MultiGauge.Row.of(Tags.of("runbook", runbook), ratio.value())));
    ratios.register(rows, true);
  }

  private Counter counter(String runbook, String verdict) {
    return Counter.builder("runbook.effectiveness.runs")
        .description("Runs given an effectiveness verdict (each counted once, by one replica)")
        .tags("runbook", runbook, "verdict", verdict)
        .register(registry);
  }
}

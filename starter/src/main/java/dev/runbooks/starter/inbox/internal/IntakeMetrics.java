package dev.runbooks.starter.inbox.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The intake's Micrometer meters: alerts received by source; dispatched (by source, runbook and
 * action), deduped, suppressed, unmatched, in cooldown, ignored and failed; the inbox depth and the
 * age of the oldest pending alert, overall and by severity; and the latency from receipt to
 * dispatch.
 */
public final class IntakeMetrics {
  private final MeterRegistry registry;
  private final AtomicLong depth = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();
  private final Map<String, AtomicLong> lagMillis = new ConcurrentHashMap<>();

  /** Registers the gauges in the registry. */
  public IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("runbook.inbox.depth", depth, AtomicLong::get)
        .description("alerts waiting in the inbox to be dispatched")
        .register(registry);
    Gauge.builder("runbook.inbox.oldest.age", oldestMillis, v -> v.get() / 1000.0)
        .description("seconds the oldest pending alert has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Counts alerts accepted from a source. */
  public void received(String source, int count) {
    Counter.builder("runbook.alerts.received")
        .description("alerts accepted into the inbox")
        .tag("source", source)
        .register(registry)
        .increment(count);
  }

  /**
   * Counts what the dispatcher did with one alert for one runbook; {@code action} is one of {@code
   * started}, {@code repeated}, {@code resolved}, {@code aborted}, {@code cooldown}, {@code
   * ignored}, {@code failed}.
   */
  public void routed(String source, String route, String action) {
    String runbook = route == null ? "none" : route;
    switch (action) {
      case "started", "resolved", "aborted" ->
          count("runbook.alerts.dispatched", source, runbook, action);
      case "repeated" -> {
        count("runbook.alerts.dispatched", source, runbook, action);
        count("runbook.alerts.deduped", source, runbook, null);
      }
      // Counted by the guard rails' meters, with their own tags.
      case "limited", "disabled" -> {}
      default -> count("runbook.alerts." + action, source, runbook, null);
    }
  }

  /** Counts an alert suppressed by a maintenance window. */
  public void suppressed(String source) {
    count("runbook.alerts.suppressed", source, null, null);
  }

  /** Counts an alert no runbook's trigger matched. */
  public void unmatched(String source) {
    count("runbook.alerts.unmatched", source, null, null);
  }

  /** Records the time from receipt to the dispatcher's decision. */
  public void latency(String source, Instant received, Instant handled) {
    Timer.builder("runbook.alerts.dispatch.latency")
        .description("time from an alert's receipt to its dispatch")
        .tag("source", source)
        .register(registry)
        .record(
            Duration.between(received, handled).isNegative()
                ? Duration.ZERO
                : Duration.between(received, handled));
  }

  /**
   * Counts a dispatcher pass that stopped starting its batch early, for {@code reason} {@code
   * priority} (an alert of a higher severity arrived) or {@code budget} (the pass ran out of time);
   * its other rows stay pending for the next pass, which starts at once.
   */
  public void passCut(String reason) {
    Counter.builder("runbook.dispatcher.passes.cut")
        .description("dispatcher passes that left part of their batch for the next pass")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Updates the inbox gauges. */
  public void depth(InboxStore.Depth d, Instant now) {
    depth.set(d.pending());
    oldestMillis.set(ageMillis(d.oldestPending(), now));
  }

  /** How long ago {@code since} was, in milliseconds; 0 for none (or a clock ahead). */
  private static long ageMillis(Instant since, Instant now) {
    return since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis());
  }

  /**
   * Registers {@code runbook_inbox_oldest_pending_seconds} for each severity the dispatcher ranks
   * and for {@code other}, at 0, so that every series exists before the first alert waits.
   */
  public void severities(List<String> severities) {
    severities.forEach(this::lagGauge);
    lagGauge("other");
  }

  /** Updates the age of the oldest pending alert of each severity; 0 where none waits. */
  public void lag(List<InboxStore.Lag> lags, Instant now) {
    lagMillis.values().forEach(v -> v.set(0));
    for (InboxStore.Lag l : lags) {
      lagGauge(l.severity()).set(ageMillis(l.oldestPending(), now));
    }
  }

  private AtomicLong lagGauge(String severity) {
    return lagMillis.computeIfAbsent(
        severity,
        s -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder("runbook.inbox.oldest.pending", v, x -> x.get() / 1000.0)
              .description("seconds the oldest pending alert of this severity has waited")
              .baseUnit("seconds")
              .tag("severity", s)
              .register(registry);
          return v;
        });
  }

  private void count(String name, String source, String runbook, String action) {
    Counter.Builder b = Counter.builder(name).tag("source", source);
    if (runbook != null) {
      b.tag("runbook", runbook);
    }
    if (action != null) {
      b.tag("action", action);
    }
    b.register(registry).increment();
  }
}

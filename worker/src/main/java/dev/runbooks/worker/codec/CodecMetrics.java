package dev.runbooks.worker.codec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The codec server's calls, counted as {@code runbook.codec.requests} (Prometheus: {@code
 * runbook_codec_requests_total}) by {@code endpoint} ({@code encode}, {@code decode}, {@code
 * other}) and {@code outcome} ({@code ok}, {@code preflight}, {@code unauthorized}, {@code
 * forbidden}, {@code origin}, {@code namespace}, {@code too-large}, {@code bad-request}, {@code
 * undecodable}, {@code method}, {@code not-found}, {@code error}).
 */
final class CodecMetrics {
  /** The counter's name. */
  static final String NAME = "runbook.codec.requests";

  private final MeterRegistry registry;

  CodecMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String endpoint, String outcome) {
    if (registry == null) {
      return;
    }
    Counter.builder(NAME)
        .description("Calls of the codec server by endpoint and outcome")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}

package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe endpoint notes when each path was first asked for: a run's first step. */
class ProbeServerTest {
  @Test
  void notesTheFirstTimeEachPathWasAskedForAndCountsEveryRequest() throws Exception {
    try (ProbeServer probe = ProbeServer.start(0);
        Loader loader = new Loader()) {
      Instant before = Instant.now();
      Http http = new Http();
      http.get(probe.url() + "/ok/run-1");
      Instant first = probe.firstAsked("/ok/run-1");
      loader.asFastAsPossible(probe.url() + "/ok/run-1", List.of("{}", "{}"), 2);
      http.get(probe.url() + "/ok/run-2?x=1");

      assertThat(first).isBetween(before, Instant.now());
      assertThat(probe.firstAsked("/ok/run-1")).isEqualTo(first);
      assertThat(probe.firstAsked("/ok/run-2")).isAfterOrEqualTo(first);
      assertThat(probe.firstAsked("/ok/run-3")).isNull();
      assertThat(probe.requests()).isEqualTo(4);
      assertThat(loader.answered()).isEqualTo(2);
    }
  }
}

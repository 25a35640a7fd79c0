package dev.runbooks.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.Stack;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The worker's alert inbox and the runs it started, as the storm suites read them: rows by state
 * through the API ({@code /api/alerts?state=}, at most 100 counted per state) and runs counted in
 * Temporal's visibility.
 */
final class Inbox {
  /** The states of a row whose alert started nothing it should have. */
  static final List<String> BAD_STATES = List.of("failed", "unmatched", "ignored", "suppressed");

  private final Http http = new Http();
  private final Stack stack;

  Inbox(Stack stack) {
    this.stack = stack;
  }

  /**
   * Rows in the bad states: how many (at most 100 per state) and which, such as {@code failed=2}.
   *
   * @param count the rows
   * @param states the states with rows, blank when none
   */
  record Bad(int count, String states) {
    /** The rows in this count that were not in {@code before}. */
    Bad since(Bad before) {
      return new Bad(count - before.count, states);
    }
  }

  /** The rows in the bad states now. */
  Bad bad() throws Exception {
    int total = 0;
    StringBuilder states = new StringBuilder();
    for (String state : BAD_STATES) {
      int n = count(state);
      total += n;
      if (n > 0) {
        states.append(states.length() > 0 ? " " : "").append(state).append('=').append(n);
      }
    }
    return new Bad(total, states.toString());
  }

  /** How many rows are in a state (at most 100); retried a few times over a transient error. */
  int count(String state) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode page = http.get(stack.api() + "/api/alerts?state=" + state + "&limit=100");
        return page.path("count").asInt();
      } catch (IOException e) {
        if (attempt >= 5) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }

  /** Waits until no row is pending; false when the time ran out. */
  boolean awaitDrained(Duration limit) throws Exception {
    return Loader.await(limit, () -> count("pending") == 0);
  }

  /** What a drain that did not finish reads as: its time and the rows still pending. */
  String notDrained(double seconds) throws Exception {
    int pending = count("pending");
    return "not within "
        + dev.runbooks.bench.core.Format.number(seconds)
        + " (still pending: "
        + pending
        + (pending >= 100 ? "+" : "")
        + ")";
  }

  /**
   * The runs a visibility query counts, once the count stops moving (visibility trails the starts a
   * little) and reached {@code expected}, or after 60 s.
   */
  long runs(String query, long expected) throws Exception {
    long[] runs = {-1};
    Loader.await(
        Duration.ofSeconds(60),
        () -> {
          long before = runs[0];
          runs[0] = stack.client().countWorkflows(query).getCount();
          return runs[0] == before && runs[0] >= expected;
        });
    return runs[0];
  }
}

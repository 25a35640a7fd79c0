package dev.runbooks.starter.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration INITIAL = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(15);

  @Test
  void twoReplicasThatFailTogetherRetryAtDifferentMomentsWithinTheCappedCeiling() {
    Backoff replicaA = new Backoff(INITIAL, MAX, new SplittableRandom(1));
    Backoff replicaB = new Backoff(INITIAL, MAX, new SplittableRandom(2));
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    int differing = 0;
    for (int failures = 1; failures <= 12; failures++) {
      long ceiling = Math.min(500L << (failures - 1), 15_000L);
      long da = replicaA.delay(failures).toMillis();
      long db = replicaB.delay(failures).toMillis();
      assertThat(da).isBetween(0L, ceiling);
      assertThat(db).isBetween(0L, ceiling);
      assertThat(replicaA.ceiling(failures).toMillis()).isEqualTo(ceiling);
      if (da != db) {
        differing++;
      }
      a.add(da);
      b.add(db);
    }
    assertThat(a).isNotEqualTo(b);
    assertThat(differing)
        .as("delays that differ between the replicas: %s vs %s", a, b)
        .isEqualTo(12);
  }

  @Test
  void theCapHoldsAfterManyFailuresAndTheDelaysSpreadOverTheWholeRange() {
    Backoff backoff = new Backoff(INITIAL, MAX, new SplittableRandom(42));
    long max = 0;
    long min = Long.MAX_VALUE;
    var buckets = new HashSet<Long>();
    for (int i = 0; i < 2_000; i++) {
      long d = backoff.delay(1_000 + i).toMillis(); // far past the cap; no overflow
      assertThat(d).isBetween(0L, MAX.toMillis());
      max = Math.max(max, d);
      min = Math.min(min, d);
      buckets.add(Math.min(9, d / 1_500)); // ten buckets of 1.5 s (15 s itself in the last)
    }
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(MAX);
    assertThat(max).isGreaterThan(14_000);
    assertThat(min).isLessThan(1_000);
    assertThat(buckets).hasSize(10);
  }

  @Test
  void sameSeedSameDelays() {
    Backoff one = new Backoff(INITIAL, MAX, new SplittableRandom(7));
    Backoff two = new Backoff(INITIAL, MAX, new SplittableRandom(7));
    for (int failures = 1; failures <= 8; failures++) {
      assertThat(one.delay(failures)).isEqualTo(two.delay(failures));
    }
  }
}

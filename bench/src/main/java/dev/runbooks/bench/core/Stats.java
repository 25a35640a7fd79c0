package dev.runbooks.bench.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles of a sample by the nearest-rank method: the p-th percentile is the smallest sample
 * such that at least p percent of the samples are at or below it. No interpolation, so every figure
 * reported is a time that was actually measured.
 *
 * @param sorted the samples in ascending order
 */
public record Stats(List<Double> sorted) {

  /** Copies and sorts the samples. */
  public Stats {
    List<Double> copy = new ArrayList<>(sorted);
    Collections.sort(copy);
    sorted = List.copyOf(copy);
  }

  /** The statistics of these samples. */
  public static Stats of(Collection<Double> samples) {
    return new Stats(new ArrayList<>(samples));
  }

  /** How many samples there are. */
  public int n() {
    return sorted.size();
  }

  /**
   * The nearest-rank percentile.
   *
   * @param percent between 0 (exclusive) and 100 (inclusive)
   * @throws IllegalStateException when there are no samples
   * @throws IllegalArgumentException when the percent is out of range
   */
  public double percentile(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + percent);
    }
    if (sorted.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  /** The median (50th percentile). */
  public double p50() {
    return percentile(50);
  }

  /** The 95th percentile. */
  public double p95() {
    return percentile(95);
  }

  /** The 99th percentile. */
  public double p99() {
    return percentile(99);
  }

  /** The largest sample. */
  public double max() {
    return percentile(100);
  }

  /** The arithmetic mean. */
  public double mean() {
    if (sorted.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    return sorted.stream().mapToDouble(Double::doubleValue).sum() / sorted.size();
  }
}

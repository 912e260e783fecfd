package dev.pith.app.ui.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * The median and the 95th percentile of some measurements, by the <b>nearest-rank</b> method: the p-th percentile
 * of n values sorted ascending is the value at rank ⌈p/100 × n⌉ (1-based). It is always one of the measured
 * values, never an interpolation between two: with 4 values the median is the 2nd, the 95th percentile the 4th.
 *
 * @param count how many values it is from (at least 1)
 */
public record Percentile(int count, double p50, double p95) {
  public Percentile {
    if (count < 1) {
      throw new IllegalArgumentException("a percentile of no values");
    }
  }

  /** The percentiles of {@code values}; null when there are none. */
  public static Percentile of(Collection<Double> values) {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Percentile(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95));
  }

  /** The {@code p}-th percentile (0 < p ≤ 100) of values sorted ascending, by nearest rank. */
  static double nearestRank(double[] sorted, double p) {
    if (sorted.length == 0 || !(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("need values and 0 < p <= 100");
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}

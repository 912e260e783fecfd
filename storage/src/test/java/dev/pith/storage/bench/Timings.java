package dev.pith.storage.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Durations in milliseconds and their percentiles (nearest rank). */
final class Timings {
  private double[] values = new double[64];
  private int n;

  void add(double millis) {
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
    }
    values[n++] = millis;
  }

  void addNanos(long nanos) {
    add(nanos / 1e6);
  }

  int count() {
    return n;
  }

  double percentile(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  double max() {
    return percentile(100);
  }

  double mean() {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** count, p50, p95, p99, max (ms, two decimals). */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", n);
    m.put("p50_ms", round(percentile(50)));
    m.put("p95_ms", round(percentile(95)));
    m.put("p99_ms", round(percentile(99)));
    m.put("max_ms", round(max()));
    return m;
  }

  String line() {
    return String.format("p50 %8.2f  p95 %8.2f  p99 %8.2f  max %8.2f ms  (n=%d)",
        percentile(50), percentile(95), percentile(99), max(), n);
  }

  /** Two decimals; null for no value (JSON has no NaN). */
  static Double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
  }
}

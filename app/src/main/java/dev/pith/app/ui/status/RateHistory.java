package dev.pith.app.ui.status;

/**
 * The status bar's last minute of generation speed, for the sparkline and the chart: one point per power refresh,
 * the live tokens per second while an answer streams and 0 while none does (nothing is being generated: a true
 * figure, not a gap). Before the first token of an answer the decode speed is not known yet and nothing has been
 * generated, so that point is 0 too.
 *
 * <p>Two primitive ring arrays sized for {@link #WINDOW_NANOS} at the bar's refresh; adding and copying out make no
 * objects. FX thread only; times are {@link System#nanoTime()} values.
 */
final class RateHistory {
  static final long WINDOW_NANOS = 60_000_000_000L;

  private final long[] times;
  private final double[] rates;
  private int next;
  private int count;

  /** Room for a minute of points {@code periodNanos} apart, and a couple more for jitter. */
  RateHistory(long periodNanos) {
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("the period must be positive, got " + periodNanos);
    }
    int capacity = (int) (WINDOW_NANOS / periodNanos) + 4;
    times = new long[capacity];
    rates = new double[capacity];
  }

  /** Adds a point; a NaN or negative rate counts as 0 tokens per second. */
  void add(long nanos, double tokensPerSecond) {
    times[next] = nanos;
    rates[next] = Double.isFinite(tokensPerSecond) && tokensPerSecond > 0 ? tokensPerSecond : 0;
    next = (next + 1) % times.length;
    count = Math.min(count + 1, times.length);
  }

  /** The most points {@link #copySince} can return: the size its arrays need. */
  int capacity() {
    return times.length;
  }

  /**
   * Copies the points taken since {@code sinceNanos}, oldest first, into the given arrays (each at least
   * {@link #capacity()} long) and returns how many.
   */
  int copySince(long sinceNanos, long[] toTimes, double[] toRates) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      int k = Math.floorMod(next - count + i, times.length);
      if (times[k] - sinceNanos >= 0) {
        toTimes[n] = times[k];
        toRates[n] = rates[k];
        n++;
      }
    }
    return n;
  }
}

package dev.pith.app.ui.status;

import java.time.Duration;
import java.util.Objects;

/**
 * Live tokens per second while an answer streams, steady enough to read at a few refreshes a second yet quick to
 * follow a change. The window feeds it {@code (totalTokens, nanoTime)} samples (one per pulse at most, from the
 * coalescing sink); the rate is measured between token arrivals over the last {@link #window()} of them, so
 * coalescing several tokens into one sample does not make it jump.
 *
 * <p>The rate is a decode rate: it starts at the first token, so the prompt's prefill time stays out of it and
 * shows as {@link #ttftMillis()} instead. During a pause it falls, because the next token cannot have come any
 * sooner than now: the figure is the smaller of the measured rate and {@code (tokens + 1) / time}, which joins
 * the measured rate smoothly and sinks towards zero as the pause grows.
 *
 * <p>Pure and single-threaded (the FX thread uses it); times are {@link System#nanoTime()} values and may wrap.
 * Samples are kept in fixed arrays, so feeding it allocates nothing.
 */
public final class RateMeter {
  /** The span the rate is measured over, unless told otherwise. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
  /** Samples kept; more than this within one window only shortens the window (one per pulse is ~60/s). */
  private static final int CAPACITY = 256;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double NANOS_PER_MILLI = 1e6;

  private final long windowNanos;
  /** Ring of samples that brought new tokens, oldest at {@code first}; times[i] pairs with tokens[i]. */
  private final long[] tokens = new long[CAPACITY];
  private final long[] times = new long[CAPACITY];
  private int first;
  private int count;
  /** Samples with new tokens since {@link #start}, also those that left the ring. */
  private long arrivals;

  private boolean started;
  private long startNanos;
  private long firstTokenNanos;
  private int lastTokens;
  private long lastNanos;

  /** A meter over {@link #DEFAULT_WINDOW}. */
  public RateMeter() {
    this(DEFAULT_WINDOW);
  }

  /** A meter over {@code window}: longer is steadier, shorter follows changes sooner. */
  public RateMeter(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the rate window must be positive, got " + window);
    }
    this.windowNanos = window.toNanos();
  }

  /** The span the rate is measured over. */
  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** Begins a new answer requested at {@code startNanos}: forgets every sample, TTFT and the token count. */
  public void start(long startNanos) {
    this.started = true;
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
    this.lastTokens = 0;
    this.first = 0;
    this.count = 0;
    this.arrivals = 0;
  }

  /**
   * Records that {@code totalTokens} tokens of this answer have arrived by {@code nowNanos}. A sample with no
   * new tokens only moves the clock on; the first with tokens fixes the TTFT.
   *
   * @throws IllegalStateException before {@link #start}
   * @throws IllegalArgumentException when the count falls or time runs backwards
   */
  public void sample(int totalTokens, long nowNanos) {
    if (!started) {
      throw new IllegalStateException("start the answer before sampling it");
    }
    if (totalTokens < lastTokens) {
      throw new IllegalArgumentException("the token count fell from " + lastTokens + " to " + totalTokens);
    }
    if (nowNanos - lastNanos < 0) {
      throw new IllegalArgumentException("a sample " + (lastNanos - nowNanos) + " ns older than the last one");
    }
    lastNanos = nowNanos;
    if (totalTokens == lastTokens) {
      return;
    }
    if (arrivals == 0) {
      firstTokenNanos = nowNanos;
    }
    lastTokens = totalTokens;
    arrivals++;
    push(totalTokens, nowNanos);
    // Keep one sample at or before the window's start as the base; older ones are never used again.
    while (count >= 2 && times[index(1)] - (nowNanos - windowNanos) <= 0) {
      first = index(1);
      count--;
    }
  }

  /**
   * Tokens per second over the last window as seen at {@code nowNanos} (usually {@code System.nanoTime()} at a
   * display refresh), lowered by a pause as the class comment says; NaN until two samples brought tokens.
   */
  public double tokensPerSecond(long nowNanos) {
    if (arrivals < 2) {
      return Double.NaN;
    }
    int newest = index(count - 1);
    long end = nowNanos - times[newest] > 0 ? nowNanos : times[newest];
    int base = first;
    for (int i = 1; i < count; i++) {
      int candidate = index(i);
      if (times[candidate] - (end - windowNanos) > 0) {
        break;
      }
      base = candidate;
    }
    long newTokens = tokens[newest] - tokens[base];
    long span = times[newest] - times[base];
    long sinceBase = end - times[base];
    if (sinceBase <= 0) {
      return Double.NaN; // every sample in reach came at the same instant: no time to divide by
    }
    double bound = (newTokens + 1) * NANOS_PER_SECOND / sinceBase;
    if (newTokens == 0 || span <= 0) {
      return bound;
    }
    return Math.min(newTokens * NANOS_PER_SECOND / span, bound);
  }

  /** Milliseconds from {@link #start} to the first sample that brought tokens; NaN before it. */
  public double ttftMillis() {
    return arrivals == 0 ? Double.NaN : (firstTokenNanos - startNanos) / NANOS_PER_MILLI;
  }

  /** The latest total token count given to {@link #sample} (0 after {@link #start}). */
  public int tokens() {
    return lastTokens;
  }

  private void push(long totalTokens, long nowNanos) {
    if (count == CAPACITY) {
      first = index(1);
      count--;
    }
    int slot = index(count);
    tokens[slot] = totalTokens;
    times[slot] = nowNanos;
    count++;
  }

  private int index(int offset) {
    return (first + offset) % CAPACITY;
  }
}

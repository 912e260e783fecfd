package dev.pith.inference.power;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads a {@link PowerMeter} in the background, at most 10 times a second (a Pi 5 PMIC read takes ~20 ms), on its
 * own daemon thread {@value #THREAD_NAME} (DESIGN.md "Threads"). It keeps the latest reading for the status bar and
 * the last {@value #WINDOW_SECONDS} s of readings so the energy of an answer can be worked out afterwards
 * ({@link #energyJoules}). The history lives in two primitive ring arrays: sampling makes no objects.
 *
 * <p>All reads are thread-safe. Times are {@link System#nanoTime()} values. The sampler borrows the meter: closing
 * the sampler stops the thread but leaves the meter to its owner.
 */
public final class PowerSampler implements AutoCloseable {
  public static final String THREAD_NAME = "pith-power";
  public static final Duration MIN_PERIOD = Duration.ofMillis(100);
  public static final int WINDOW_SECONDS = 60;
  /**
   * The default period: four reads a second. Fine enough for the energy of an answer of a second or more, and on a Pi
   * 5 each PMIC read is a {@code vcgencmd} process, whose CPU an answer decoding on all four cores would feel at 10 Hz
   * (inference/BENCHMARKS.md, "what watching the power costs").
   */
  public static final Duration DEFAULT_PERIOD = Duration.ofMillis(250);
  /** How long before a request the machine's idle draw is averaged over (see {@link #energyUse}). */
  public static final Duration BASELINE = Duration.ofSeconds(2);

  private final PowerMeter meter;
  private final LongSupplier nanoClock;
  private final long periodNanos;
  private final ScheduledExecutorService thread;
  // Ring of the readings that had a value, oldest at (next - count) mod capacity; guarded by this.
  private final long[] times;
  private final double[] watts;
  private int next;
  private int count;
  private double latest = Double.NaN;

  /**
   * Starts sampling {@code meter} every {@code period}.
   *
   * @throws IllegalArgumentException when {@code period} is shorter than {@link #MIN_PERIOD}
   */
  public PowerSampler(PowerMeter meter, Duration period) {
    this(meter, period, System::nanoTime);
  }

  PowerSampler(PowerMeter meter, Duration period, LongSupplier nanoClock) {
    this.meter = Objects.requireNonNull(meter, "meter");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (period.compareTo(MIN_PERIOD) < 0) {
      throw new IllegalArgumentException("the power meter is read at most 10 times a second, not every "
          + period.toMillis() + " ms");
    }
    periodNanos = period.toNanos();
    int capacity = (int) (Duration.ofSeconds(WINDOW_SECONDS).toNanos() / periodNanos) + 2;
    times = new long[capacity];
    watts = new double[capacity];
    thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, THREAD_NAME);
      t.setDaemon(true);
      return t;
    });
    if (meter instanceof NoPowerMeter) {
      thread.shutdown(); // nothing to read, ever: no thread
    } else {
      thread.scheduleAtFixedRate(this::sample, 0, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Samples {@code meter} every {@link #DEFAULT_PERIOD}. */
  public static PowerSampler of(PowerMeter meter) {
    return new PowerSampler(meter, DEFAULT_PERIOD);
  }

  /**
   * Samples {@code meter} every {@code period}, stamping each reading with {@code nanoClock} instead of
   * {@link System#nanoTime()}: for fixtures and screenshots, e.g. a clock that runs fast until it catches up with
   * {@code System.nanoTime()}, so a minute of history fills in seconds. The clock is read on the sampler thread.
   */
  public static PowerSampler withClock(PowerMeter meter, Duration period, LongSupplier nanoClock) {
    return new PowerSampler(meter, period, nanoClock);
  }

  /** The time between reads. */
  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /** The meter being read (for its source, scope and reason). */
  public PowerMeter meter() {
    return meter;
  }

  /** The most recent reading; empty before the first one or when the last read gave none. */
  public synchronized OptionalDouble latest() {
    return Double.isNaN(latest) ? OptionalDouble.empty() : OptionalDouble.of(latest);
  }

  /**
   * The energy used between {@code fromNanos} and {@code toNanos} in joules: the trapezoid rule over the readings in
   * between, linearly interpolated at the ends. Within two sampling periods of the oldest or newest reading, the
   * edge reading stands for the uncovered part (an answer ends between two reads, and a read takes time).
   *
   * @return empty when the readings do not cover the span: too few of them, a gap longer than two periods (the meter
   *     failed meanwhile), or a span older than the history
   */
  public synchronized OptionalDouble energyJoules(long fromNanos, long toNanos) {
    if (toNanos < fromNanos || count == 0) {
      return OptionalDouble.empty();
    }
    int first = index(0);
    int last = index(count - 1);
    long slack = 2 * periodNanos;
    if (fromNanos < times[first] - slack || toNanos > times[last] + slack) {
      return OptionalDouble.empty();
    }
    double joules = 0;
    if (fromNanos < times[first]) {
      joules += watts[first] * seconds(Math.min(toNanos, times[first]) - fromNanos);
    }
    if (toNanos > times[last]) {
      joules += watts[last] * seconds(toNanos - Math.max(fromNanos, times[last]));
    }
    for (int i = 0; i + 1 < count; i++) {
      int a = index(i);
      int b = index(i + 1);
      long start = Math.max(fromNanos, times[a]);
      long end = Math.min(toNanos, times[b]);
      if (end <= start) {
        continue;
      }
      if (times[b] - times[a] > slack) {
        return OptionalDouble.empty();
      }
      joules += (at(a, b, start) + at(a, b, end)) / 2 * seconds(end - start);
    }
    return OptionalDouble.of(joules);
  }

  /**
   * What the span from {@code fromNanos} to {@code toNanos} drew, with the machine's idle draw over the
   * {@link #BASELINE} before it (NaN when there are no readings then). Call it when the span has just ended: the last
   * reading may be up to a period old and stands for the rest.
   *
   * @return empty when the readings do not cover the span (see {@link #energyJoules})
   */
  public Optional<EnergyUse> energyUse(long fromNanos, long toNanos) {
    OptionalDouble joules = energyJoules(fromNanos, toNanos);
    if (joules.isEmpty()) {
      return Optional.empty();
    }
    double idle = averageWatts(fromNanos - BASELINE.toNanos(), fromNanos).orElse(Double.NaN);
    return Optional.of(new EnergyUse(Math.max(0, joules.getAsDouble()), seconds(toNanos - fromNanos), idle,
        meter.source(), meter.scope(), meter.measured()));
  }

  /**
   * The mean of the readings taken between {@code fromNanos} and {@code toNanos}, both included; empty when there are
   * none. (A mean of readings, not of the energy: the edge rules of {@link #energyJoules} are for spans that go on.)
   */
  public synchronized OptionalDouble averageWatts(long fromNanos, long toNanos) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < count; i++) {
      int k = index(i);
      if (times[k] >= fromNanos && times[k] <= toNanos) {
        sum += watts[k];
        n++;
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }

  /**
   * A copy of the readings taken since {@code sinceNanos}, oldest first, for a chart. It allocates two arrays: call it
   * when drawing, not per token.
   */
  public synchronized Readings readingsSince(long sinceNanos) {
    int skip = 0;
    while (skip < count && times[index(skip)] < sinceNanos) {
      skip++;
    }
    long[] t = new long[count - skip];
    double[] w = new double[count - skip];
    for (int i = skip; i < count; i++) {
      t[i - skip] = times[index(i)];
      w[i - skip] = watts[index(i)];
    }
    return new Readings(t, w);
  }

  /**
   * Readings, oldest first: {@code watts[i]} was read at {@code nanos[i]} ({@link System#nanoTime()}). The arrays are
   * the caller's own copy.
   */
  @SuppressWarnings("java:S6218") // arrays compared by identity is fine for a snapshot
  public record Readings(long[] nanos, double[] watts) {
    public int size() {
      return nanos.length;
    }
  }

  /** Stops the thread; readings taken so far stay available. */
  @Override
  public void close() {
    thread.shutdownNow();
  }

  /** Reads the meter once; the reading is stamped with the middle of the read, which may take ~20 ms. */
  private void sample() {
    long before = nanoClock.getAsLong();
    OptionalDouble reading;
    try {
      reading = meter.watts();
    } catch (RuntimeException e) {
      reading = OptionalDouble.empty(); // a meter that throws must not stop the schedule
    }
    long now = before + (nanoClock.getAsLong() - before) / 2;
    synchronized (this) {
      if (reading.isEmpty()) {
        latest = Double.NaN;
        return;
      }
      latest = reading.getAsDouble();
      times[next] = now;
      watts[next] = latest;
      next = (next + 1) % times.length;
      count = Math.min(count + 1, times.length);
    }
  }

  /** The ring slot of the {@code i}-th oldest reading. */
  private int index(int i) {
    return Math.floorMod(next - count + i, times.length);
  }

  /** The power at {@code t}, linearly between readings {@code a} and {@code b}. */
  private double at(int a, int b, long t) {
    long span = times[b] - times[a];
    return span == 0 ? watts[a] : watts[a] + (watts[b] - watts[a]) * (t - times[a]) / span;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

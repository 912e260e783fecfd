package dev.pith.inference.power;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Turns a cumulative energy counter in µJ (RAPL {@code energy_uj}, hwmon {@code energy*_input}) into watts: the
 * energy used between two reads divided by the time between them. The first read only primes it. A counter that
 * wraps (RAPL wraps at {@code max_energy_range_uj}) is unwrapped once per read, which is exact as long as reads come
 * more often than a full range is used (minutes at hundreds of watts). Not thread-safe: one sampler reads it.
 */
final class EnergyCounter {
  private final Path file;
  private final long range;
  private final LongSupplier nanoClock;
  private long lastEnergy;
  private long lastNanos;
  private boolean primed;

  /**
   * @param file the counter, in µJ
   * @param range the value at which it wraps back to 0 (µJ); {@link Long#MAX_VALUE} for a counter that never wraps
   * @param nanoClock {@link System#nanoTime()} outside tests
   */
  EnergyCounter(Path file, long range, LongSupplier nanoClock) {
    this.file = file;
    this.range = range;
    this.nanoClock = nanoClock;
  }

  /** Reads the counter; the mean power since the previous read, or empty on the first read (or no time passed). */
  OptionalDouble read() throws IOException {
    long energy = SysFs.readLong(file);
    long now = nanoClock.getAsLong();
    boolean hadPrevious = primed;
    long used = energy >= lastEnergy ? energy - lastEnergy : range - lastEnergy + energy;
    long nanos = now - lastNanos;
    lastEnergy = energy;
    lastNanos = now;
    primed = true;
    if (!hadPrevious || nanos <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(used / 1e6 / (nanos / 1e9));
  }

  Path file() {
    return file;
  }
}

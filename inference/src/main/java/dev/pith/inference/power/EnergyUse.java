package dev.pith.inference.power;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one answer drew, worked out from a {@link PowerSampler}'s readings over the answer's span.
 *
 * @param joules the energy over the span (trapezoid rule over the readings)
 * @param seconds how long the span was
 * @param idleWatts the average power over the {@link PowerSampler#BASELINE} just before the span (the machine
 *     before the request), or NaN when the sampler has no readings then (e.g. it had only just started)
 * @param source the meter's name, as {@link PowerMeter#source()}
 * @param scope what the figure covers, as {@link PowerMeter#scope()}
 * @param measured false when the meter gives estimates, which the UI must mark as such
 */
public record EnergyUse(double joules, double seconds, double idleWatts, String source, String scope,
    boolean measured) {

  public EnergyUse {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
    if (!(joules >= 0) || !(seconds >= 0)) {
      throw new IllegalArgumentException("energy and time cannot be negative: " + joules + " J, " + seconds + " s");
    }
  }

  /** The average power over the span; NaN for an empty span. */
  public double averageWatts() {
    return seconds > 0 ? joules / seconds : Double.NaN;
  }

  /** {@link #joules()} less what the machine would have drawn idle over the span; empty without a baseline. */
  public OptionalDouble aboveIdleJoules() {
    return Double.isNaN(idleWatts) ? OptionalDouble.empty() : OptionalDouble.of(joules - idleWatts * seconds);
  }
}

package dev.pith.inference.power;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The energy one answer drew, from a {@link PowerSampler}'s readings over the answer's span (request to done),
 * however long the answer runs. The sampler keeps only the last {@value PowerSampler#WINDOW_SECONDS} s of readings,
 * so an answer that goes on is summed in pieces: when {@link #tick} finds a piece of at least {@link #PIECE} due, the
 * span up to {@link #LAG} ago (readings after its end exist, so its end is interpolated, not extrapolated) is added
 * up and the start moves on. The trapezoid rule is additive, so the pieces add up to what one
 * {@link PowerSampler#energyUse} over the whole span gives, which is what a short answer uses.
 *
 * <p>Thread-safe; {@link #tick} is cheap unless a piece is due.
 */
public final class AnswerEnergy {
  /** How long a piece is at least: well inside the sampler's history. */
  public static final Duration PIECE = Duration.ofSeconds(20);
  /** How far behind now a piece ends, so that readings after its end exist. */
  public static final Duration LAG = Duration.ofSeconds(1);

  private final PowerSampler sampler;
  private final long startNanos;
  private final long pieceNanos;
  private final long lagNanos;
  private final double idleWatts;
  private long summedTo;
  private double joules;
  private int pieces;
  private boolean uncovered;

  /** Starts measuring at {@code startNanos} ({@link System#nanoTime()}), the moment of the request. */
  public AnswerEnergy(PowerSampler sampler, long startNanos) {
    this(sampler, startNanos, PIECE, LAG);
  }

  AnswerEnergy(PowerSampler sampler, long startNanos, Duration piece, Duration lag) {
    if (lag.isNegative() || piece.compareTo(lag) <= 0) {
      throw new IllegalArgumentException("a piece (" + piece + ") must be longer than its lag (" + lag + ")");
    }
    this.sampler = sampler;
    this.startNanos = startNanos;
    this.pieceNanos = piece.toNanos();
    this.lagNanos = lag.toNanos();
    this.summedTo = startNanos;
    // now, while the readings before the request are still in the sampler's history
    this.idleWatts = sampler.averageWatts(startNanos - PowerSampler.BASELINE.toNanos(), startNanos)
        .orElse(Double.NaN);
  }

  /** Says the answer is still going at {@code nowNanos} (e.g. on each token); adds up a piece when one is due. */
  public synchronized void tick(long nowNanos) {
    if (uncovered || nowNanos - lagNanos - summedTo < pieceNanos) {
      return;
    }
    long end = nowNanos - lagNanos;
    OptionalDouble piece = sampler.energyJoules(summedTo, end);
    if (piece.isEmpty()) {
      uncovered = true; // a gap in the readings: the answer's energy is not known
      return;
    }
    joules += piece.getAsDouble();
    summedTo = end;
    pieces++;
  }

  /**
   * The energy from the request to {@code endNanos}, with the meter's source and scope; empty when the readings do
   * not cover the whole span (no meter, a meter that failed meanwhile, an answer that ended before the first read).
   * An estimating meter's figures are not measurements: {@link EnergyUse#measured()} says so.
   */
  public synchronized Optional<EnergyUse> finish(long endNanos) {
    if (uncovered) {
      return Optional.empty();
    }
    if (pieces == 0) {
      return sampler.energyUse(startNanos, endNanos);
    }
    OptionalDouble rest = sampler.energyJoules(summedTo, endNanos);
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EnergyUse(Math.max(0, joules + rest.getAsDouble()), (endNanos - startNanos) / 1e9,
        idleWatts, sampler.meter().source(), sampler.meter().scope(), sampler.meter().measured()));
  }

  /** How many pieces have been added up so far (for tests). */
  synchronized int pieces() {
    return pieces;
  }
}

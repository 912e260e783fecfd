package dev.pith.app.kiosk;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Counts wrong admin PINs typed in a row at the kiosk and locks entry for a while after {@link #MAX_WRONG} of them,
 * so that nobody at the glass can try PIN after PIN. A right PIN clears the count. Not thread-safe: the window uses
 * it on the FX thread.
 */
public final class PinAttempts {
  public static final int MAX_WRONG = 5;

  private final Duration lockout;
  private final LongSupplier nanoTime;
  private int wrongInARow;
  /** When entry opens again, in {@link #nanoTime} terms; meaningful while {@link #locked} is true. */
  private long lockedUntil;
  private boolean locked;

  /**
   * @param lockout how long entry stays locked after {@link #MAX_WRONG} wrong PINs
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  public PinAttempts(Duration lockout, LongSupplier nanoTime) {
    this.lockout = Objects.requireNonNull(lockout, "lockout");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** How long entry stays locked from now; zero when a PIN may be typed. */
  public Duration lockedFor() {
    if (!locked) {
      return Duration.ZERO;
    }
    long left = lockedUntil - nanoTime.getAsLong();
    if (left <= 0) {
      locked = false;
      return Duration.ZERO;
    }
    return Duration.ofNanos(left);
  }

  /** A wrong PIN: the fifth in a row locks entry for the lockout and starts the count again. */
  public void wrong() {
    wrongInARow++;
    if (wrongInARow >= MAX_WRONG) {
      wrongInARow = 0;
      locked = true;
      lockedUntil = nanoTime.getAsLong() + lockout.toNanos();
    }
  }

  /** The right PIN: the count starts again. */
  public void right() {
    wrongInARow = 0;
  }

  /** How many more wrong PINs lock entry. */
  public int triesLeft() {
    return MAX_WRONG - wrongInARow;
  }

  public Duration lockout() {
    return lockout;
  }
}

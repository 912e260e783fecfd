package dev.pith.app.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The kiosk's lockout after five wrong PINs in a row, on a clock the test moves. */
class PinAttemptsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final PinAttempts attempts = new PinAttempts(Duration.ofSeconds(30), now::get);

  @Test
  void fiveWrongPinsInARowLockEntryForTheLockout() {
    for (int i = 0; i < 4; i++) {
      attempts.wrong();
      assertEquals(Duration.ZERO, attempts.lockedFor());
    }
    assertEquals(1, attempts.triesLeft());
    attempts.wrong();
    assertEquals(Duration.ofSeconds(30), attempts.lockedFor());
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    assertEquals(Duration.ofSeconds(1), attempts.lockedFor());
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(Duration.ZERO, attempts.lockedFor());
    assertEquals(PinAttempts.MAX_WRONG, attempts.triesLeft(), "after the lockout, five more tries");
  }

  @Test
  void aRightPinStartsTheCountAgain() {
    for (int i = 0; i < 4; i++) {
      attempts.wrong();
    }
    attempts.right();
    for (int i = 0; i < 4; i++) {
      attempts.wrong();
    }
    assertEquals(Duration.ZERO, attempts.lockedFor(), "not five in a row");
  }
}

package dev.pith.app.ui.kiosk;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import javafx.animation.PauseTransition;

/**
 * Says when the kiosk has been left alone for its idle time: no input (the window reports each touch, key, click,
 * pointer move or scroll with {@link #activity}) and no answer streaming (an answer counts as use until it ends,
 * so the idle time runs from its end). It fires once per quiet spell; the next activity arms it again.
 *
 * <p>Input arrives dozens of times a second while a pointer moves, so an event only notes the time; one pause
 * transition runs to the earliest moment the spell could end and, when it ends, either fires or waits out the
 * rest. FX thread only.
 */
final class IdleTimer {
  private final Runnable onIdle;
  private final LongSupplier nanoTime;
  private final PauseTransition wait = new PauseTransition();
  private Duration idle;
  private long lastActivity;
  private boolean busy;
  private boolean armed;

  /**
   * @param idle how long a quiet spell lasts
   * @param onIdle what to do when one has lasted that long
   */
  IdleTimer(Duration idle, Runnable onIdle, LongSupplier nanoTime) {
    this.idle = Objects.requireNonNull(idle, "idle");
    this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    wait.setOnFinished(e -> check());
  }

  /** Someone used the window: the quiet spell starts again from now. */
  void activity() {
    lastActivity = nanoTime.getAsLong();
    if (!busy && !armed) {
      arm(idle);
    }
  }

  /** An answer started (no spell can end while it streams) or ended (the spell starts from now). */
  void busy(boolean streaming) {
    busy = streaming;
    if (streaming) {
      wait.stop();
      armed = false;
    } else {
      activity();
    }
  }

  /** A new idle time (Settings → Kiosk); the spell under way is measured against it. */
  void idle(Duration next) {
    idle = Objects.requireNonNull(next, "next");
    if (armed) {
      wait.stop();
      armed = false;
      check();
    }
  }

  void stop() {
    wait.stop();
    armed = false;
  }

  private void check() {
    armed = false;
    if (busy) {
      return;
    }
    long quiet = nanoTime.getAsLong() - lastActivity;
    if (quiet >= idle.toNanos()) {
      onIdle.run();
    } else {
      arm(idle.minusNanos(quiet));
    }
  }

  private void arm(Duration after) {
    armed = true;
    wait.setDuration(javafx.util.Duration.millis(Math.max(1, after.toMillis())));
    wait.playFromStart();
  }
}

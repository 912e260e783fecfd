package dev.pith.app.kiosk;

import java.time.Duration;
import java.util.Objects;

/**
 * What the window may offer the person in front of it, decided once at start: everything in a normal window; in
 * kiosk mode (a lobby, a classroom, a museum: DESIGN.md "Kiosk mode") no way into Settings, the cloud, an export,
 * a browser or a file chooser, plus the kiosk's own timings.
 *
 * <p><b>Every feature that could let a visitor out of Pith, or data out of the machine, asks here first.</b> In
 * particular the cloud escalation (DESIGN.md "Cloud escalation": the "Ask the cloud" button, its preview and its
 * send) must check {@link #allowsCloud()} before it shows anything, and an export or import in the window must
 * check {@link #allowsExport()}. The window reaches this object through {@code AppContext.kiosk()}.
 *
 * @param on the window runs as a kiosk (full screen, no way out without the admin PIN)
 * @param policy what happens to a visitor's conversation when the kiosk starts over
 * @param idle how long without a touch, key, scroll or streaming answer before it starts over
 * @param lockout how long PIN entry stays locked after {@link PinAttempts#MAX_WRONG} wrong PINs in a row
 * @param staffHold how long a press on the Pith name in the title bar must last to ask for the PIN (touch
 *     displays have no Ctrl+Alt+Shift+Q)
 */
public record KioskMode(boolean on, KioskPolicy policy, Duration idle, Duration lockout, Duration staffHold) {
  /** The lockout after five wrong PINs. */
  public static final Duration LOCKOUT = Duration.ofSeconds(30);
  /** The long press that asks for the PIN on a touch display. */
  public static final Duration STAFF_HOLD = Duration.ofSeconds(3);
  /**
   * A system property that replaces the idle time, in seconds, for trying kiosk mode by hand
   * ({@code PITH_JAVA_OPTS=-Dpith.kiosk.idleSeconds=20 bin/pith --kiosk}); Settings offers whole minutes only.
   */
  public static final String IDLE_SECONDS_PROPERTY = "pith.kiosk.idleSeconds";
  /** A normal window: everything allowed. */
  public static final KioskMode OFF = new KioskMode(false, KioskPolicy.KEEP, Duration.ofMinutes(3), LOCKOUT,
      STAFF_HOLD);

  public KioskMode {
    Objects.requireNonNull(policy, "policy");
    requirePositive(idle, "idle");
    requirePositive(lockout, "lockout");
    requirePositive(staffHold, "staffHold");
  }

  /** Kiosk mode with the saved idle time (or {@link #IDLE_SECONDS_PROPERTY}) and policy. */
  public static KioskMode on(KioskSettings settings) {
    Duration idle = settings.idle();
    Long seconds = Long.getLong(IDLE_SECONDS_PROPERTY);
    if (seconds != null && seconds > 0) {
      idle = Duration.ofSeconds(seconds);
    }
    return new KioskMode(true, settings.policy(), idle, LOCKOUT, STAFF_HOLD);
  }

  /** The same mode with other timings (tests use short ones). */
  public KioskMode withTimings(Duration idleTime, Duration lockoutTime, Duration hold) {
    return new KioskMode(on, policy, idleTime, lockoutTime, hold);
  }

  /** The same mode with a new idle time and policy (Settings → Kiosk changed them while the kiosk runs). */
  public KioskMode with(KioskSettings settings) {
    return new KioskMode(on, settings.policy(), settings.idle(), lockout, staffHold);
  }

  /** Settings in the window: the sidebar entry, the gear, Ctrl+, and "Choose a model". Staff reach it via the PIN. */
  public boolean allowsSettings() {
    return !on;
  }

  /** Sending anything to a cloud model (the future "Ask the cloud" escalation). */
  public boolean allowsCloud() {
    return !on;
  }

  /** Exporting or importing conversations from the window (the command line is for staff and is not affected). */
  public boolean allowsExport() {
    return !on;
  }

  /** Opening links of answers in a browser, and anything else that starts another program or a file chooser. */
  public boolean allowsLinks() {
    return !on;
  }

  /** The conversation history: the sidebar's list and its search (visitor B must not see visitor A's chat). */
  public boolean allowsHistory() {
    return !on;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}

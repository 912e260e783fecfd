package dev.pith.app.kiosk;

import java.time.Duration;
import java.util.Objects;

/**
 * Kiosk mode as saved (Settings → Kiosk, {@code pith kiosk on|off}), kept as JSON under {@link KioskStore#KEY}:
 * <pre>{"enabled": false, "idleMinutes": 3, "policy": "wipe"}</pre>
 *
 * @param enabled Pith starts in kiosk mode (when an admin PIN is set; see {@link KioskStore})
 * @param idleMinutes how long the kiosk waits without a touch, key or answer before it starts over
 * @param policy what happens to the conversation it leaves then
 */
public record KioskSettings(boolean enabled, int idleMinutes, KioskPolicy policy) {
  public static final int MIN_IDLE_MINUTES = 1;
  public static final int MAX_IDLE_MINUTES = 120;
  public static final KioskSettings DEFAULT = new KioskSettings(false, 3, KioskPolicy.WIPE);

  public KioskSettings {
    if (idleMinutes < MIN_IDLE_MINUTES || idleMinutes > MAX_IDLE_MINUTES) {
      throw new IllegalArgumentException("the idle time must be " + MIN_IDLE_MINUTES + " to " + MAX_IDLE_MINUTES
          + " minutes, not " + idleMinutes);
    }
    Objects.requireNonNull(policy, "policy");
  }

  public Duration idle() {
    return Duration.ofMinutes(idleMinutes);
  }

  public KioskSettings withEnabled(boolean e) {
    return new KioskSettings(e, idleMinutes, policy);
  }

  public KioskSettings withIdleMinutes(int minutes) {
    return new KioskSettings(enabled, minutes, policy);
  }

  public KioskSettings withPolicy(KioskPolicy p) {
    return new KioskSettings(enabled, idleMinutes, p);
  }
}

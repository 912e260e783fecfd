package dev.pith.app.kiosk;

import java.util.Locale;

/** What happens to a visitor's conversation when the kiosk starts over after a pause. */
public enum KioskPolicy {
  /** It is deleted from the database: the next visitor cannot find it, and neither can staff. */
  WIPE,
  /** It stays in the database (staff see it in a normal window); the kiosk only shows a new, empty conversation. */
  KEEP;

  /** The name in settings and on the command line: {@code wipe} or {@code keep}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code id} (any case), or null. */
  public static KioskPolicy ofId(String id) {
    for (KioskPolicy p : values()) {
      if (p.id().equalsIgnoreCase(id.strip())) {
        return p;
      }
    }
    return null;
  }
}

package dev.pith.storage.model;

import java.util.Locale;

/** Who wrote a message; {@link #wireName()} is how it is stored and exported. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role for a stored or imported name; an unknown name is an {@link IllegalArgumentException}. */
  public static Role of(String wireName) {
    for (Role role : values()) {
      if (role.wireName().equals(wireName)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + wireName + "' (expected system, user or assistant)");
  }
}

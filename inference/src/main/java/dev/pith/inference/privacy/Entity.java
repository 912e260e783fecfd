package dev.pith.inference.privacy;

import java.util.Objects;

/**
 * A piece of text a detector found: {@code text.substring(start, end)} is of kind {@code type}. Indices are Java
 * {@code String} (UTF-16) indices, {@code end} exclusive.
 */
public record Entity(EntityType type, int start, int end) {
  public Entity {
    Objects.requireNonNull(type, "type");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("an entity spans at least one character: " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }

  /** Whether this and {@code other} share at least one character. */
  public boolean overlaps(Entity other) {
    return start < other.end && other.start < end;
  }
}

package dev.pith.inference.privacy;

import java.util.List;

/**
 * Finds one or a few kinds of entity in a text. Detectors run offline and fast (the whole {@link Sanitizer} must
 * take under 20 ms for a 2,000-character message on a Pi 5), hold no per-call state and are thread-safe. They may
 * report overlapping or nested entities; the sanitizer decides between them.
 */
@FunctionalInterface
public interface Detector {
  /** Adds what it finds in {@code text} to {@code out}. */
  void detect(String text, List<Entity> out);
}

package dev.pith.inference.privacy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A text as it may leave the machine: {@code text} is {@code original} with each redaction's span replaced by its
 * placeholder, in order.
 *
 * @param original the text as written
 * @param text what may be sent
 * @param redactions the replacements, first first
 */
public record Sanitized(String original, String text, List<Redaction> redactions) {
  public Sanitized {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(text, "text");
    redactions = List.copyOf(redactions);
  }

  /** How many pieces of each kind were replaced, in {@link EntityType} order. */
  public Map<EntityType, Integer> counts() {
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    for (Redaction r : redactions) {
      counts.merge(r.type(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(counts);
  }
}

package dev.pith.inference.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces personal and secret text with placeholders before anything leaves the machine (DESIGN.md "Cloud
 * escalation"). It runs its {@link Detector}s, keeps the best of overlapping findings (the longer span; at equal
 * length the kind listed first in {@link EntityType}), and swaps each for a placeholder from the conversation's
 * {@link PlaceholderMap}. Offline, no model, thread-safe.
 */
public final class Sanitizer {
  private static final Comparator<Entity> BEST_FIRST = Comparator.comparingInt(Entity::length).reversed()
      .thenComparing(Entity::type)
      .thenComparingInt(Entity::start);

  private final List<Detector> detectors;

  public Sanitizer(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** Every detector Pith has, with the user's {@code options}. */
  public static Sanitizer standard(SanitizerOptions options) {
    Objects.requireNonNull(options, "options");
    List<Detector> all = new ArrayList<>();
    all.add(new TermsDetector(options.terms()));
    all.add(new EmailDetector());
    all.add(new PhoneDetector(options.phoneRegion()));
    all.add(new CardDetector());
    all.add(new IbanDetector());
    all.add(new NetworkDetector());
    all.add(new UrlSecretDetector());
    all.add(new SecretDetector());
    all.add(new NationalIdDetector());
    all.add(new GpsDetector());
    all.add(new BirthDateDetector());
    all.add(new HomePathDetector());
    all.add(new PersonDetector(options.terms()));
    all.add(new StreetAddressDetector());
    return new Sanitizer(all);
  }

  /** What would be replaced in {@code text}: non-overlapping entities, first first. */
  public List<Entity> detect(String text) {
    Objects.requireNonNull(text, "text");
    List<Entity> found = new ArrayList<>();
    for (Detector d : detectors) {
      d.detect(text, found);
    }
    found.sort(BEST_FIRST);
    List<Entity> kept = new ArrayList<>(found.size());
    for (Entity candidate : found) {
      if (candidate.end() > text.length()) {
        throw new IllegalStateException("a detector reported " + candidate + " past the text's end");
      }
      if (kept.stream().noneMatch(candidate::overlaps)) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(Entity::start));
    return kept;
  }

  /** {@code text} with each entity replaced by its placeholder in {@code placeholders} (made when new). */
  public Sanitized sanitize(String text, PlaceholderMap placeholders) {
    List<Entity> entities = detect(text);
    StringBuilder out = new StringBuilder(text.length());
    List<Redaction> redactions = new ArrayList<>(entities.size());
    int at = 0;
    for (Entity e : entities) {
      String original = text.substring(e.start(), e.end());
      String placeholder = placeholders.placeholderFor(e.type(), original);
      out.append(text, at, e.start()).append(placeholder);
      redactions.add(new Redaction(e.type(), e.start(), e.end(), original, placeholder));
      at = e.end();
    }
    out.append(text, at, text.length());
    return new Sanitized(text, out.toString(), redactions);
  }
}

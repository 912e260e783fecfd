package dev.pith.inference.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces personal and secret text with placeholders before anything leaves the machine (DESIGN.md "Cloud
 * escalation"). It runs its {@link Detector}s, keeps the best of overlapping findings (the longer span; at equal
 * length the kind listed first in {@link EntityType}), and swaps each for a placeholder from the conversation's
 * {@link PlaceholderMap}. What was found once is replaced wherever else it stands as a whole word: in the same text
 * ("Hakuba had given Hakuba his address", where the second needs the first's cue; a name's parts too: "Joakim
 * Westgård ... starring Westgård") and, through the map, in the conversation's later messages. Offline, no model,
 * thread-safe.
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
    return detect(text, Map.of());
  }

  /**
   * {@link #detect(String)}, and also every whole-word occurrence of what was found, and of the {@code known}
   * originals (from earlier messages), that nothing else covers.
   */
  private List<Entity> detect(String text, Map<String, EntityType> known) {
    List<Entity> kept = resolve(text);
    Map<String, EntityType> again = new LinkedHashMap<>(known);
    for (Entity e : kept) {
      again.putIfAbsent(text.substring(e.start(), e.end()), e.type());
    }
    for (Map.Entry<String, EntityType> name : List.copyOf(again.entrySet())) {
      if (name.getValue() == EntityType.PERSON) { // "Joakim Westgård ... starring Westgård": each part of a name
        for (String part : name.getKey().split("\\s+")) {
          if (part.length() >= 3 && Character.isUpperCase(part.charAt(0)) && Character.isLetter(part.charAt(1))
              && Character.isLetter(part.charAt(part.length() - 1))) { // not "Dr." or "J."
            again.putIfAbsent(part, EntityType.PERSON);
          }
        }
      }
    }
    List<Entity> repeats = new ArrayList<>();
    again.forEach((original, type) -> {
      if (original.length() < 2) {
        return;
      }
      for (int at = text.indexOf(original); at >= 0; at = text.indexOf(original, at + 1)) {
        Entity e = new Entity(type, at, at + original.length());
        if (wholeWord(text, e) && kept.stream().noneMatch(e::overlaps) && repeats.stream().noneMatch(e::overlaps)) {
          repeats.add(e);
        }
      }
    });
    if (repeats.isEmpty()) {
      return kept;
    }
    List<Entity> all = new ArrayList<>(kept);
    all.addAll(repeats);
    all.sort(Comparator.comparingInt(Entity::start));
    return all;
  }

  private static boolean wholeWord(String text, Entity e) {
    return (e.start() == 0 || !Character.isLetterOrDigit(text.charAt(e.start() - 1)))
        && (e.end() == text.length() || !Character.isLetterOrDigit(text.charAt(e.end())));
  }

  /** The detectors' findings, the best of overlapping ones kept, first first. */
  private List<Entity> resolve(String text) {
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
    List<Entity> entities = detect(text, placeholders.originals());
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

package dev.pith.inference.privacy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of one conversation: each original text gets one placeholder of its kind, numbered in the order
 * first seen ({@code [EMAIL_1]}, {@code [EMAIL_2]}, {@code [NAME_1]}), and keeps it for every later message, so the
 * cloud model can tell the same person from another. The same text is the same regardless of case for kinds where
 * case does not matter (emails, names, terms). {@link #rehydrate} puts the originals back into a reply.
 *
 * <p>Not thread-safe; one per conversation being escalated. It lives in memory only: the originals never leave it.
 */
public final class PlaceholderMap {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z]+)_(\\d+)\\]");

  private final Map<String, String> byKey = new HashMap<>();
  private final Map<String, String> originals = new HashMap<>();
  private final Map<EntityType, Integer> next = new EnumMap<>(EntityType.class);

  /** The placeholder for {@code original} of kind {@code type}, making one when it is new. */
  public String placeholderFor(EntityType type, String original) {
    return byKey.computeIfAbsent(key(type, original), k -> {
      int n = next.merge(type, 1, Integer::sum);
      String placeholder = "[" + type.placeholderWord() + "_" + n + "]";
      originals.put(placeholder, original);
      return placeholder;
    });
  }

  /** The original text behind {@code placeholder}, if this map made it. */
  public Optional<String> original(String placeholder) {
    return Optional.ofNullable(originals.get(placeholder));
  }

  /** Every original this map has a placeholder for, with its kind (for finding them again in later messages). */
  public Map<String, EntityType> originals() {
    Map<String, EntityType> out = new HashMap<>();
    byKey.forEach((key, placeholder) -> out.put(originals.get(placeholder),
        EntityType.valueOf(key.substring(0, key.indexOf(':')))));
    return out;
  }

  /** How many placeholders this map has made. */
  public int size() {
    return originals.size();
  }

  /**
   * {@code reply} with every placeholder this map made replaced by its original; placeholders it did not make (the
   * cloud model may invent {@code [NAME_9]}) are left as they are.
   */
  public String rehydrate(String reply) {
    Matcher m = PLACEHOLDER.matcher(reply);
    StringBuilder out = new StringBuilder(reply.length());
    while (m.find()) {
      String original = originals.get(m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String key(EntityType type, String original) {
    boolean caseless = type == EntityType.EMAIL_ADDRESS || type == EntityType.PERSON
        || type == EntityType.CUSTOM_TERM;
    return type.name() + ":" + (caseless ? original.toLowerCase(Locale.ROOT) : original);
  }
}

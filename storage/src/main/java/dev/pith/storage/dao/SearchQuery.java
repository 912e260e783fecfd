package dev.pith.storage.dao;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a user types into an FTS5 query that cannot be a syntax error: every word and every
 * "quoted phrase" becomes an FTS5 string (all must match), so operators, column filters, stray quotes and
 * punctuation are searched as text or dropped, never interpreted.
 */
public final class SearchQuery {
  // A "phrase" (closing quote optional, so a half-typed phrase still searches) or a run of other characters.
  private static final Pattern PART = Pattern.compile("\"([^\"]*)\"?|([^\\s\"]+)");
  private static final Pattern WORD_CHARACTER = Pattern.compile("[\\p{L}\\p{N}]");

  private SearchQuery() {}

  // What the unicode61 tokenizer keeps as parts of tokens: letters, numbers and private-use characters.
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\p{Co}]+");

  /** The FTS5 MATCH expression for {@code userText}; empty when it holds nothing searchable. */
  public static Optional<String> toFts(String userText) {
    List<String> terms = phrases(userText);
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", terms));
  }

  /**
   * The FTS5 strings of {@code userText}, in order, each a valid MATCH expression on its own; every one must
   * match. Empty when it holds nothing searchable.
   */
  public static List<String> phrases(String userText) {
    List<String> terms = new ArrayList<>();
    Set<String> seen = new HashSet<>(); // the tokenizer folds case: "Of" finds what "of" finds
    Matcher m = PART.matcher(userText == null ? "" : userText);
    while (m.find()) {
      String text = m.group(1) != null ? m.group(1) : m.group(2);
      if (WORD_CHARACTER.matcher(text).find()) {
        String term = '"' + text.replace("\"", "\"\"") + '"';
        if (seen.add(term.toLowerCase(Locale.ROOT))) {
          terms.add(term);
        }
      }
    }
    return terms;
  }

  /**
   * The words of one of {@link #phrases}' strings as the index's tokenizer splits them (letters and digits;
   * everything else separates), each as an FTS5 string, without repeats.
   */
  static List<String> words(String phrase) {
    String text = phrase.startsWith("\"") && phrase.endsWith("\"") && phrase.length() >= 2
        ? phrase.substring(1, phrase.length() - 1).replace("\"\"", "\"") : phrase;
    List<String> words = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String w : SEPARATORS.split(text)) {
      if (!w.isEmpty() && seen.add(w.toLowerCase(Locale.ROOT))) {
        words.add('"' + w + '"');
      }
    }
    return words;
  }
}

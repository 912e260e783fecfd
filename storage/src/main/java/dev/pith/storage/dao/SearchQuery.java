package dev.pith.storage.dao;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The FTS5 MATCH expression for {@code userText}; empty when it holds nothing searchable. */
  public static Optional<String> toFts(String userText) {
    List<String> terms = new ArrayList<>();
    Matcher m = PART.matcher(userText == null ? "" : userText);
    while (m.find()) {
      String text = m.group(1) != null ? m.group(1) : m.group(2);
      if (WORD_CHARACTER.matcher(text).find()) {
        terms.add('"' + text.replace("\"", "\"\"") + '"');
      }
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", terms));
  }
}

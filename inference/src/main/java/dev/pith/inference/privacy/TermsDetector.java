package dev.pith.inference.privacy;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The user's own list of names and terms, matched case-insensitively as whole words (a term inside a longer word is
 * not a match: "Ada" is not found in "Adam"). Longer terms are tried first, so "Project Blue Fin" wins over "Blue".
 */
final class TermsDetector implements Detector {
  private final Pattern pattern;

  TermsDetector(List<String> terms) {
    pattern = terms.isEmpty() ? null : Pattern.compile(terms.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .collect(Collectors.joining("|", "(?<![\\p{L}\\p{N}_])(?:", ")(?![\\p{L}\\p{N}_])")),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public void detect(String text, List<Entity> out) {
    if (pattern == null) {
      return;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(new Entity(EntityType.CUSTOM_TERM, m.start(), m.end()));
    }
  }
}

package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part, {@code @}, and a domain whose last label is 2+ letters. An address that is the
 * user-info of a URL ({@code https://user:pass@host}) is left to {@link UrlSecretDetector}.
 */
final class EmailDetector implements Detector {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.+%-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
          + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-]|\\.\\w)");

  @Override
  public void detect(String text, List<Entity> out) {
    if (text.indexOf('@') < 0) {
      return;
    }
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      if (inUrlUserInfo(text, m.start())) {
        continue;
      }
      out.add(new Entity(EntityType.EMAIL_ADDRESS, m.start(), m.end()));
    }
  }

  /** Whether the token that {@code start} is in began with a scheme's {@code ://}. */
  private static boolean inUrlUserInfo(String text, int start) {
    int i = start;
    while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return text.substring(i, start).contains("://");
  }
}

package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth, only where the text labels them ("born on", "DOB:", "date of birth", "birthday", "geboren am",
 * "né le", "fecha de nacimiento"): the date right after the label is replaced, the label stays. An ordinary date
 * says nothing about a person and is left alone.
 */
final class BirthDateDetector implements Detector {
  private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
      + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
  private static final String DATE = "(?:(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])"
      + "|(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|[12]\\d|3[01])[-/.](?:(?:19|20)\\d{2}|\\d{2})"
      + "|" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+(?:19|20)\\d{2}"
      + "|" + MONTH + "\\s+" + DAY + ",?\\s+(?:19|20)\\d{2})";
  private static final Pattern LABELLED = Pattern.compile(
      "\\b(?:born(?:\\s+on)?|d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday(?:\\s+is)?(?:\\s+on)?"
          + "|geboren(?:\\s+am)?|geburtsdatum|née?\\s+le|fecha\\s+de\\s+nacimiento|nacid[oa]\\s+el"
          + "|data\\s+di\\s+nascita|nat[oa]\\s+il)"
          + "\\s*(?:[:=\\-–]|is|was)?\\s*(?:on\\s+)?(?:the\\s+)?(" + DATE + ")(?![\\w/.-]\\d|\\d)",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  @Override
  public void detect(String text, List<Entity> out) {
    Matcher m = LABELLED.matcher(text);
    while (m.find()) {
      out.add(new Entity(EntityType.DATE_OF_BIRTH, m.start(1), m.end(1)));
    }
  }
}

package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits that pass the Luhn check, written as one run or in groups separated by single
 * spaces or dashes (groups of four with a shorter last group, or Amex's 4-6-5). Refused: a 13-digit run not starting
 * with 4 (only Visa issued 13 digits; 13-digit runs are more often millisecond timestamps or ISBN-13s), and numbers
 * labelled as orders, invoices, tracking or ISBNs. Maestro's 12-digit numbers count only with a Maestro prefix.
 */
final class CardDetector implements Detector {
  private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w.,/+-])\\d(?:[ -]?\\d){11,18}(?![\\w/]|[.,-]\\d)");
  private static final Pattern GROUPED = Pattern.compile(
      "\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}(?:\\1\\d{1,3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5}");
  private static final Pattern MAESTRO_12 = Pattern.compile("(?:50|5[6-8]|6\\d|0604)\\d+");
  private static final Pattern NOT_CARD_BEFORE = Pattern.compile(
      "(?:order|invoice|ticket|tracking|isbn|ean|upc|sku|serial|ref|reference|account|acct|iban|booking|phone|tel"
          + "|mobile|fax|id)\\s*(?:no\\.?|number|nr\\.?|#)?\\s*[:#=]?\\s*$");

  @Override
  public void detect(String text, List<Entity> out) {
    if (Checks.countDigits(text) < 12) {
      return;
    }
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String raw = m.group();
      String digits = Checks.digits(raw);
      boolean plain = raw.length() == digits.length();
      if (!plain && !GROUPED.matcher(raw).matches()) {
        continue;
      }
      int n = digits.length();
      boolean lengthOk = (n >= 14 && n <= 19) || (n == 13 && digits.charAt(0) == '4')
          || (n == 12 && plain && MAESTRO_12.matcher(digits).matches());
      if (lengthOk && Checks.luhn(digits) && !NOT_CARD_BEFORE.matcher(Checks.before(text, m.start(), 30)).find()) {
        out.add(new Entity(EntityType.CREDIT_CARD, m.start(), m.end()));
      }
    }
  }
}

package dev.pith.inference.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers: a phone-shaped run of 7 to 15 digits (groups, optional {@code +} or {@code 00}, {@code (0)},
 * brackets, an extension {@code x123}) counts when either
 *
 * <ul>
 *   <li>Google's libphonenumber reads it as a valid number in the user's region, or in the country its {@code +}
 *       code names (what {@code findNumbers(text, region, Leniency.VALID, ...)} finds, but about three times faster:
 *       only the phone-shaped runs are parsed); or
 *   <li>the text labels it as a phone, for numbers of other countries written without their country code: a noun
 *       like "phone", "mobile", "fax" shortly before it on the same or the previous line, a verb right before it
 *       ("call me at", "ring", "messages to"), or "office", "fax", "mobile" right after it.
 * </ul>
 *
 * Shapes of other things are refused (dates, dotted quads, SSNs, Luhn-valid card numbers), and so is a number
 * labelled as an order, invoice, ticket or similar id.
 *
 * <p>libphonenumber loads its metadata once per process: {@link PhoneNumberUtil#getInstance()} takes about 35 ms here
 * and the first number of a region about 20 ms more (that region's metadata); one instance is shared.
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern SHAPE = Pattern.compile(
      "(?<![\\w+./-])(?<!\\d,)(?:\\+|00)?\\(?\\d{1,4}\\)?(?:[ .-]{0,2}\\(?\\d{1,5}\\)?){1,6}"
          + "(?:\\s?(?:x|ext\\.?|#)\\s?\\d{1,5})?(?![\\w/]|[.,:-]\\d)");
  /** A noun that labels a phone number anywhere in the window before it. */
  private static final Pattern PHONE_NOUN = Pattern.compile(
      "\\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|desk|whatsapp|sms|hotline|helpline|landline)\\b");
  /** A verb that labels a phone number when only a few words ("me at", "the office on") stand between. */
  private static final Pattern PHONE_VERB = Pattern.compile(
      "\\b(?:call|calls|calling|text|texts|dial|ring|reach|contact|answering|registered|messages?)"
          + "(?:\\s+(?:me|us|him|her|them|back|the office|the desk|anytime|now|today|tomorrow))*"
          + "\\s*(?:at|on|to|via|:)?\\s*$");
  private static final Pattern LABEL_AFTER = Pattern.compile(
      "^\\s*[-(]?\\s*(?:office|fax|mobile|cell|home|work|desk|phone|tel)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_PHONE_BEFORE = Pattern.compile(
      "(?:order|invoice|ticket|case|ref|reference|tracking|account|acct|po|serial|model|part|isbn|sku|id|version"
          + "|build|release|v|room|page|flight|booking|confirmation|customer|member|patient|policy|claim|iban"
          + "|card|ssn|zip|postcode|code|pin)"
          + "\\s*(?:no\\.?|number|nr\\.?|#)?\\s*[:#=]?\\s*$");
  private static final Pattern EXTENSION = Pattern.compile("(?:x|ext\\.?|#)\\s?\\d{1,5}$");
  private static final Pattern DATE = Pattern.compile(
      "(?<!\\d)(?:(?:19|20)\\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\\d|3[01])"
          + "|(?:0?[1-9]|[12]\\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\\d{2})(?!\\d)");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");

  private final String region;

  PhoneDetector(String region) {
    this.region = region;
  }

  @Override
  public void detect(String text, List<Entity> out) {
    if (Checks.countDigits(text) < 7) {
      return;
    }
    List<Entity> found = new ArrayList<>();
    Matcher m = SHAPE.matcher(text);
    while (m.find()) {
      String raw = m.group();
      int start = m.start();
      int end = m.end();
      // A closing bracket the shape took without its opening one belongs to the prose.
      if (raw.endsWith(")") && raw.chars().filter(c -> c == '(').count() < raw.chars().filter(c -> c == ')').count()) {
        end--;
        raw = raw.substring(0, raw.length() - 1);
      }
      String digits = Checks.digits(EXTENSION.matcher(raw).replaceFirst(""));
      if (digits.length() < 7 || digits.length() > 15 || otherShape(raw)
          || !(labelled(text, start, end) || valid(raw))) {
        continue;
      }
      Entity e = new Entity(EntityType.PHONE_NUMBER, start, end);
      if (found.stream().noneMatch(e::overlaps)) {
        found.add(e);
      }
    }
    out.addAll(found);
  }

  /** Whether libphonenumber reads {@code raw} as a valid number in the user's region (or its own country code). */
  private boolean valid(String raw) {
    try {
      return PHONES.isValidNumber(PHONES.parse(raw, region));
    } catch (NumberParseException e) {
      return false;
    }
  }

  /** Whether {@code raw} is shaped like a date, time, IP address, SSN or card number rather than a phone number. */
  private static boolean otherShape(String raw) {
    String digits = Checks.digits(raw);
    return DATE.matcher(raw).matches()
        || DOTTED_QUAD.matcher(raw).matches()
        || SSN_SHAPE.matcher(raw).matches()
        || (digits.length() >= 13 && !raw.startsWith("+") && Checks.luhn(digits));
  }

  private static boolean labelled(String text, int start, int end) {
    String after = text.substring(end, Math.min(text.length(), end + 12));
    if (LABEL_AFTER.matcher(after).find()) {
      return true;
    }
    String before = Checks.before(text, start, 60);
    int lineBreaks = 0;
    int cut = before.length();
    while (cut > 0) {
      if (before.charAt(cut - 1) == '\n' && ++lineBreaks > 1) {
        break;
      }
      cut--;
    }
    before = before.substring(cut);
    return (PHONE_NOUN.matcher(before).find() || PHONE_VERB.matcher(before).find())
        && !NOT_PHONE_BEFORE.matcher(before).find();
  }
}

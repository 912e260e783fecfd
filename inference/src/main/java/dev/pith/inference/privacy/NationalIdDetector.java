package dev.pith.inference.privacy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identity numbers with a validity or check rule.
 *
 * <ul>
 *   <li>US_SSN: {@code AAA-GG-SSSS} with the SSA's rules (area not 000, 666 or 9xx; group not 00; serial not 0000;
 *       not the advertised 078-05-1120 or 123-45-6789). Dashed ones count anywhere; written with spaces or as nine
 *       plain digits only when labelled ("SSN", "social security"), since nine digits alone are too often
 *       something else.
 *   <li>NATIONAL_ID, UK National Insurance number: two letters from the allowed sets (not BG, GB, NK, KN, TN, NT, ZZ),
 *       six digits, a suffix A-D, optionally spaced in pairs.
 *   <li>NATIONAL_ID, Spanish DNI (8 digits and the mod-23 letter) and NIE (X/Y/Z, 7 digits and the letter).
 *   <li>NATIONAL_ID, Italian codice fiscale (16 characters with its check letter).
 * </ul>
 */
final class NationalIdDetector implements Detector {
  private static final Pattern SSN_DASHED = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-])");
  private static final Pattern SSN_LABELLED = Pattern.compile(
      "(?i)\\b(?:ssn|ss#|ss no\\.?|social security(?: number| no\\.?| #)?|soc\\.? sec\\.?(?: no\\.?)?)"
          + "\\s*(?:is|:|#|=|-)?\\s*(\\d{3})[ ]?(\\d{2})[ ]?(\\d{4})(?![\\w-])");
  private static final Pattern NINO = Pattern.compile(
      "(?<![\\w-])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])(?![\\w-])");
  private static final Pattern DNI = Pattern.compile("(?<![\\w-])([XYZ]|\\d)(\\d{7})[ -]?([A-Z])(?![\\w-])");
  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
  private static final Pattern CODICE_FISCALE = Pattern.compile(
      "(?<![\\w-])[A-Z]{6}\\d{2}[A-EHLMPR-T]\\d{2}[A-Z]\\d{3}[A-Z](?![\\w-])", Pattern.CASE_INSENSITIVE);
  private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
      22, 25, 24, 23};

  @Override
  public void detect(String text, List<Entity> out) {
    if (Checks.countDigits(text) < 6) {
      return; // every id here has at least six digits
    }
    Matcher m = SSN_DASHED.matcher(text);
    while (m.find()) {
      if (ssn(m.group(1), m.group(2), m.group(3))) {
        out.add(new Entity(EntityType.US_SSN, m.start(), m.end()));
      }
    }
    m = SSN_LABELLED.matcher(text);
    while (m.find()) {
      if (ssn(m.group(1), m.group(2), m.group(3))) {
        out.add(new Entity(EntityType.US_SSN, m.start(1), m.end(3)));
      }
    }
    m = NINO.matcher(text);
    while (m.find()) {
      String prefix = m.group(1);
      if (!List.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix)) {
        out.add(new Entity(EntityType.NATIONAL_ID, m.start(), m.end()));
      }
    }
    m = DNI.matcher(text);
    while (m.find()) {
      String lead = m.group(1);
      int number = Integer.parseInt("XYZ".indexOf(lead.charAt(0)) >= 0
          ? "XYZ".indexOf(lead.charAt(0)) + m.group(2) : lead + m.group(2));
      if (DNI_LETTERS.charAt(number % 23) == m.group(3).charAt(0)) {
        out.add(new Entity(EntityType.NATIONAL_ID, m.start(), m.end()));
      }
    }
    m = CODICE_FISCALE.matcher(text);
    while (m.find()) {
      if (codiceFiscale(m.group().toUpperCase(Locale.ROOT))) {
        out.add(new Entity(EntityType.NATIONAL_ID, m.start(), m.end()));
      }
    }
  }

  static boolean ssn(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    String all = area + group + serial;
    return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000")
        && !all.equals("078051120") && !all.equals("123456789");
  }

  /** The codice fiscale's 16th character is its check letter over the first 15. */
  static boolean codiceFiscale(String cf) {
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = cf.charAt(i);
      int v = Character.isDigit(c) ? c - '0' : c - 'A';
      sum += i % 2 == 0 ? CF_ODD[v] : v;
    }
    return cf.charAt(15) == (char) ('A' + sum % 26);
  }
}

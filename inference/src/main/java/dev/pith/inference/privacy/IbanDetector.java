package dev.pith.inference.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs: a country code with its IBAN length (ISO 13616 registry), two check digits and the BBAN, in one run or in
 * groups of four separated by single spaces, any case, passing the ISO 7064 mod 97-10 check.
 */
final class IbanDetector implements Detector {
  private static final Pattern START = Pattern.compile("(?<![\\p{L}\\p{N}_])([A-Za-z]{2})\\d{2}");
  /** IBAN length per country. */
  private static final Map<String, Integer> LENGTHS = new HashMap<>();

  static {
    String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18"
        + " DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27"
        + " JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15"
        + " OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24"
        + " TR26 UA29 VA22 VG24 XK20 YE30";
    for (String entry : table.split(" ")) {
      LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
  }

  @Override
  public void detect(String text, List<Entity> out) {
    if (Checks.countDigits(text) < 6) {
      return; // the shortest IBAN (Norway's) has 11 digits; six is a cheap lower bound for any
    }
    Matcher m = START.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      from = m.start() + 1;
      Integer length = LENGTHS.get(m.group(1).toUpperCase(Locale.ROOT));
      if (length == null) {
        continue;
      }
      int end = read(text, m.start(), length);
      if (end > 0) {
        out.add(new Entity(EntityType.IBAN_CODE, m.start(), end));
        from = end;
      }
    }
  }

  /**
   * The end of an IBAN of {@code length} characters at {@code start}, or -1: the characters are letters and digits,
   * either all adjacent or in groups of four split by single spaces, and the text goes on with no letter or digit.
   */
  private static int read(String text, int start, int length) {
    StringBuilder iban = new StringBuilder(length);
    int i = start;
    boolean spaced = false;
    while (iban.length() < length && i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' && iban.length() % 4 == 0 && iban.length() > 0 && (iban.length() == 4 || spaced)) {
        spaced = true;
        i++;
        continue;
      }
      if (c > 127 || !Character.isLetterOrDigit(c)) {
        return -1;
      }
      iban.append(c);
      i++;
    }
    if (iban.length() < length || Checks.wordAt(text, i) || !Checks.mod97(iban)) {
      return -1;
    }
    return i;
  }
}

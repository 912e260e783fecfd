package dev.pith.inference.privacy;

/** Check-digit rules and small text tests the detectors share. Pure functions. */
final class Checks {
  private Checks() {}

  /** Whether the digits of {@code s} (other characters ignored) pass the Luhn check. */
  static boolean luhn(CharSequence s) {
    int sum = 0;
    boolean twice = false;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * Whether {@code iban} (letters and digits only, any case) passes ISO 7064 mod 97-10: the first four characters
   * moved to the end, letters as 10..35, the number mod 97 is 1.
   */
  static boolean mod97(CharSequence iban) {
    int n = iban.length();
    int rest = 0;
    for (int k = 0; k < n; k++) {
      char c = Character.toUpperCase(iban.charAt((k + 4) % n));
      if (c >= '0' && c <= '9') {
        rest = (rest * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rest = (rest * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rest == 1;
  }

  /** Only the digits of {@code s}. */
  static String digits(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** How many ASCII digits {@code s} has. */
  static int countDigits(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code text.charAt(i)} exists and is a letter, digit or underscore. */
  static boolean wordAt(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Shannon entropy of {@code s} in bits per character. */
  static double entropy(CharSequence s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    double n = s.length();
    for (int count : counts) {
      if (count > 0) {
        double p = count / n;
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = other / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  /**
   * The lower-cased text of up to {@code width} characters before {@code start}, for label tests ("phone:", "ssn").
   */
  static String before(String text, int start, int width) {
    return text.substring(Math.max(0, start - width), start).toLowerCase(java.util.Locale.ROOT);
  }
}

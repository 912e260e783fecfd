package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret parts of URLs: the user-info with a password ({@code user:pass} in {@code https://user:pass@host/}) and
 * the values of secret-looking query or fragment parameters ({@code token}, {@code api_key}, {@code sig},
 * {@code X-Amz-Signature}, {@code password}, ...). Only those parts are replaced, so the preview still shows which
 * host and path the user is asking about: {@code https://[URL_1]@db.example.com/} or
 * {@code https://api.example.com/v1?token=[URL_2]&page=2}.
 *
 * <p>A parameter named only {@code key}, {@code token}, {@code auth}, ... counts when its value looks like a secret (8+
 * characters with a digit, or mixed case, or 16+ characters); one named like a password counts whatever its value.
 */
final class UrlSecretDetector implements Detector {
  private static final Pattern URL = Pattern.compile(
      "\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s<>\"'`]+");
  private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://([^/?#@\\s:]+:[^/?#@\\s]+)@");
  private static final Pattern PARAM = Pattern.compile("[?&;#]([A-Za-z0-9_.\\-\\[\\]]{1,40})=([^&#;\\s]+)");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?:.*[_.\\-])?(?:access_?token|refresh_?token|id_?token|auth_?token|token|api_?key|apikey|key|secret"
          + "|client_?secret|signature|sig|auth|authorization|credential|credentials|session_?id|sessionid|sid"
          + "|password|passwd|pwd|pass|private_?token|x-amz-signature|x-amz-credential|x-amz-security-token)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PASSWORD_NAME = Pattern.compile("(?:.*[_.\\-])?(?:password|passwd|pwd|pass)",
      Pattern.CASE_INSENSITIVE);

  @Override
  public void detect(String text, List<Entity> out) {
    if (!text.contains("://")) {
      return;
    }
    Matcher url = URL.matcher(text);
    while (url.find()) {
      String u = trimTrailingPunctuation(url.group());
      int base = url.start();
      Matcher info = USER_INFO.matcher(u);
      if (info.find()) {
        out.add(new Entity(EntityType.URL_SECRET, base + info.start(1), base + info.end(1)));
      }
      Matcher p = PARAM.matcher(u);
      while (p.find()) {
        String name = p.group(1);
        String value = p.group(2);
        if (SECRET_NAME.matcher(name).matches()
            && (PASSWORD_NAME.matcher(name).matches() || secretLooking(value))) {
          out.add(new Entity(EntityType.URL_SECRET, base + p.start(2), base + p.end(2)));
        }
      }
    }
  }

  private static String trimTrailingPunctuation(String u) {
    int end = u.length();
    while (end > 0 && ".,;:!?)]}".indexOf(u.charAt(end - 1)) >= 0) {
      end--;
    }
    return u.substring(0, end);
  }

  /** 8+ characters with a digit or mixed case, or 16+ characters. */
  static boolean secretLooking(String value) {
    if (value.length() >= 16) {
      return true;
    }
    if (value.length() < 8) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      digit |= Character.isDigit(c);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    return digit || (upper && lower);
  }
}

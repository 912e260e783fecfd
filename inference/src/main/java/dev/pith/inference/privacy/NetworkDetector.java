package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP and MAC addresses.
 *
 * <ul>
 *   <li>IPv4: four decimal octets, each 0..255 without a leading zero, not part of a longer dotted run, and not
 *       labelled as a version ("v10.0.0.1", "version 1.2.3.4"). Addresses that say nothing about anyone are kept:
 *       {@code 0.0.0.0}, loopback {@code 127.*}, and netmasks ({@code 255.*}). Private addresses (192.168.*, 10.*)
 *       are replaced: they still describe someone's network.
 *   <li>IPv6: eight groups, or fewer with one {@code ::}, optionally ending in an IPv4 address; a compressed form
 *       needs at least two groups and a digit (so {@code std::vector} and {@code a::b} are code); {@code ::1} and
 *       {@code ::} are kept.
 *   <li>MAC: six pairs of hex digits split by the same {@code :} or {@code -}, or three groups of four split by dots
 *       (Cisco, with at least one hex letter so a dotted number is not one); all zeros and the broadcast
 *       address are kept.
 * </ul>
 */
final class NetworkDetector implements Detector {
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\w.:-])(" + OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + ")(?![\\w-]|\\.\\d)");
  private static final Pattern VERSION_BEFORE = Pattern.compile(
      "(?:\\bv|\\bversion|\\bver\\.?|\\brelease|\\bbuild|\\bfirmware|\\bv\\.)\\s*:?\\s*$");
  private static final String H = "[0-9A-Fa-f]{1,4}";
  private static final String V4 = OCTET + "(?:\\." + OCTET + "){3}";
  private static final Pattern IPV6 = Pattern.compile(
      "(?<![\\w:.])(" + "(?:" + H + ":){6}" + V4 + "|(?:(?:" + H + ":){1,5}|:):(?:" + H + ":){0,4}" + V4
          + "|(?:" + H + ":){7}" + H + "|(?:" + H + ":){1,7}:(?:" + H + "(?::" + H + "){0,6})?"
          + "|::(?:" + H + "(?::" + H + "){0,6})?" + ")(?![\\w:]|\\.\\w)");
  private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern MAC = Pattern.compile(
      "(?<![\\w:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}"
          + "|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})(?![\\w:.-])");

  @Override
  public void detect(String text, List<Entity> out) {
    if (text.indexOf('.') >= 0) {
      Matcher m = IPV4.matcher(text);
      while (m.find()) {
        String ip = m.group(1);
        if (!ip.equals("0.0.0.0") && !ip.startsWith("127.") && !ip.startsWith("255.")
            && !VERSION_BEFORE.matcher(Checks.before(text, m.start(), 16)).find()) {
          out.add(new Entity(EntityType.IP_ADDRESS, m.start(), m.end()));
        }
      }
    }
    if (text.indexOf(':') >= 0) {
      Matcher m = IPV6.matcher(text);
      while (m.find()) {
        if (ipv6(m.group(1))) {
          out.add(new Entity(EntityType.IP_ADDRESS, m.start(), m.end()));
        }
      }
    }
    Matcher m = MAC.matcher(text);
    while (m.find()) {
      String mac = m.group().toLowerCase(java.util.Locale.ROOT);
      boolean dotted = mac.indexOf('.') >= 0;
      boolean hexLetter = mac.chars().anyMatch(c -> c >= 'a' && c <= 'f');
      boolean trivial = mac.chars().allMatch(c -> c == '0' || !Character.isLetterOrDigit(c))
          || mac.chars().allMatch(c -> c == 'f' || !Character.isLetterOrDigit(c));
      if (!trivial && (hexLetter || !dotted)) {
        out.add(new Entity(EntityType.MAC_ADDRESS, m.start(), m.end()));
      }
    }
  }

  /** Whether {@code s} (already IPv6-shaped) has a valid group count and is not code or loopback. */
  static boolean ipv6(String s) {
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    boolean embedded4 = s.indexOf('.') >= 0;
    int groups = embedded4 ? 2 : 0;
    boolean digit = false;
    Matcher g = IPV6_GROUP.matcher(embedded4 ? s.substring(0, s.lastIndexOf(':') + 1) : s);
    while (g.find()) {
      groups++;
      digit |= g.group().chars().anyMatch(Character::isDigit);
    }
    if (doubleColon < 0) {
      return groups == 8;
    }
    return groups >= 2 && groups <= 7 && (digit || embedded4);
  }
}

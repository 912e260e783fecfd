package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPS coordinates: a decimal latitude and longitude pair ({@code 51.5007, -0.1246}, {@code 51.5007° N, 0.1246° W})
 * with both in range and at least three decimals each (a place to about 100 m; plain number pairs like
 * {@code 3.14, 2.71} have fewer), or degrees-minutes-seconds with hemispheres ({@code 51°30'02.5"N 0°07'28.6"W}).
 */
final class GpsDetector implements Detector {
  private static final Pattern DECIMAL = Pattern.compile(
      "(?<![\\w.-])(-?\\d{1,2}\\.\\d{3,})\\s?°?\\s?([NS])?\\s*[,;/ ]\\s*(-?\\d{1,3}\\.\\d{3,})\\s?°?\\s?([EW])?"
          + "(?!\\w|[.,]\\d)");
  private static final Pattern DMS = Pattern.compile(
      "(?<![\\w.])(\\d{1,2})°\\s?(\\d{1,2})['′]\\s?(?:(\\d{1,2}(?:\\.\\d+)?)(?:\"|″|'')\\s?)?([NS])[,\\s]\\s*"
          + "(\\d{1,3})°\\s?(\\d{1,2})['′]\\s?(?:(\\d{1,2}(?:\\.\\d+)?)(?:\"|″|'')\\s?)?([EW])(?!\\w)");

  @Override
  public void detect(String text, List<Entity> out) {
    if (Checks.countDigits(text) < 4) {
      return;
    }
    Matcher m = DECIMAL.matcher(text);
    while (m.find()) {
      double lat = Double.parseDouble(m.group(1));
      double lon = Double.parseDouble(m.group(3));
      boolean signed = m.group(2) != null || m.group(4) != null;
      if ((m.group(2) == null) != (m.group(4) == null)) {
        continue;
      }
      if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(signed && (lat < 0 || lon < 0))) {
        out.add(new Entity(EntityType.GPS_COORDINATES, m.start(), m.end()));
      }
    }
    if (text.indexOf('°') >= 0) {
      m = DMS.matcher(text);
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) <= 90 && Integer.parseInt(m.group(5)) <= 180
            && Integer.parseInt(m.group(2)) < 60 && Integer.parseInt(m.group(6)) < 60) {
          out.add(new Entity(EntityType.GPS_COORDINATES, m.start(), m.end()));
        }
      }
    }
  }
}

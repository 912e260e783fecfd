package dev.pith.inference.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the user tells the sanitizer.
 *
 * @param phoneRegion the region phone numbers without a country code are read in (ISO 3166 two letters, e.g.
 *     {@code GB}): the setting {@code privacy.phone_region}, else the locale's country, else {@code US}
 * @param terms names and terms the user lists (people, companies, project code names), matched case-insensitively as
 *     whole words
 */
public record SanitizerOptions(String phoneRegion, List<String> terms) {
  public SanitizerOptions {
    Objects.requireNonNull(phoneRegion, "phoneRegion");
    if (!phoneRegion.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("a phone region is two capital letters (ISO 3166), e.g. GB; got \""
          + phoneRegion + "\"");
    }
    terms = terms.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
  }

  /** The region from {@code setting} when set, else {@code locale}'s country, else {@code US}. */
  public static String phoneRegion(String setting, Locale locale) {
    if (setting != null && !setting.isBlank()) {
      return setting.strip().toUpperCase(Locale.ROOT);
    }
    String country = locale.getCountry();
    return country.matches("[A-Z]{2}") ? country : "US";
  }

  /** The locale's region and no terms. */
  public static SanitizerOptions defaults() {
    return new SanitizerOptions(phoneRegion(null, Locale.getDefault()), List.of());
  }
}

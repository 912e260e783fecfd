package dev.pith.app.cloud;

import dev.pith.inference.privacy.SanitizerOptions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the sanitizer is told, kept as JSON under {@link CloudStore#PRIVACY}:
 * <pre>{"phoneRegion": "GB", "terms": ["Ada Lovelace", "Project Blue Fin"]}</pre>
 *
 * @param phoneRegion the region phone numbers without a country code are read in (two capital letters), or empty
 *     for the locale's country (else US)
 * @param terms names and terms the user lists, replaced wherever they appear (whole words, any case)
 */
public record PrivacySettings(String phoneRegion, List<String> terms) {
  public static final PrivacySettings DEFAULT = new PrivacySettings("", List.of());

  public PrivacySettings {
    Objects.requireNonNull(phoneRegion, "phoneRegion");
    phoneRegion = phoneRegion.strip().toUpperCase(Locale.ROOT);
    if (!phoneRegion.isEmpty() && !phoneRegion.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("a phone region is two letters (ISO 3166), e.g. GB or US; got \""
          + phoneRegion + "\"");
    }
    terms = terms.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
  }

  /** The sanitizer's options: this region, else {@code locale}'s country, else US; these terms. */
  public SanitizerOptions options(Locale locale) {
    return new SanitizerOptions(SanitizerOptions.phoneRegion(phoneRegion, locale), terms);
  }

  public PrivacySettings withPhoneRegion(String region) {
    return new PrivacySettings(region, terms);
  }

  public PrivacySettings withTerms(List<String> t) {
    return new PrivacySettings(phoneRegion, t);
  }
}

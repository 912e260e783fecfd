package dev.pith.app.ui.cloud;

import dev.pith.app.cloud.Preview;
import dev.pith.inference.privacy.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The words of the cloud preview: what was replaced, counted by kind, and how big the request is. */
final class PreviewText {
  private PreviewText() {}

  /** "Replaced: 2 names, 1 email address and 1 phone number." (kinds in a fixed order), or that none was. */
  static String counts(Map<EntityType, Integer> counts) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((type, n) -> {
      if (n > 0) {
        parts.add(n + " " + noun(type, n));
      }
    });
    if (parts.isEmpty()) {
      return "Nothing was found to replace: check the text below before sending it.";
    }
    String list = parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    return "Replaced: " + list + ".";
  }

  /** The kind's name, for {@code n} of them. */
  static String noun(EntityType type, int n) {
    boolean one = n == 1;
    return switch (type) {
      case EMAIL_ADDRESS -> one ? "email address" : "email addresses";
      case PHONE_NUMBER -> one ? "phone number" : "phone numbers";
      case CREDIT_CARD -> one ? "card number" : "card numbers";
      case IBAN_CODE -> one ? "IBAN" : "IBANs";
      case IP_ADDRESS -> one ? "IP address" : "IP addresses";
      case MAC_ADDRESS -> one ? "MAC address" : "MAC addresses";
      case URL_SECRET -> one ? "URL with a secret" : "URLs with secrets";
      case SECRET -> one ? "key or password" : "keys or passwords";
      case US_SSN -> one ? "social security number" : "social security numbers";
      case NATIONAL_ID -> one ? "national ID number" : "national ID numbers";
      case GPS_COORDINATES -> one ? "map position" : "map positions";
      case STREET_ADDRESS -> one ? "street address" : "street addresses";
      case DATE_OF_BIRTH -> one ? "date of birth" : "dates of birth";
      case HOME_PATH -> one ? "home folder name" : "home folder names";
      case PERSON -> one ? "name" : "names";
      case CUSTOM_TERM -> one ? "term from your list" : "terms from your list";
    };
  }

  /** The colour group of a kind's highlight: people, contact details, secrets and numbers, the rest. */
  static String group(EntityType type) {
    return switch (type) {
      case PERSON, CUSTOM_TERM -> "person";
      case EMAIL_ADDRESS, PHONE_NUMBER, STREET_ADDRESS -> "contact";
      case CREDIT_CARD, IBAN_CODE, SECRET, URL_SECRET, US_SSN, NATIONAL_ID, DATE_OF_BIRTH -> "secret";
      case IP_ADDRESS, MAC_ADDRESS, GPS_COORDINATES, HOME_PATH -> "other";
    };
  }

  /**
   * What each placeholder stands for, shown here only: "Only on this computer: [TERM_1] Ana Souza · [TERM_2] …";
   * empty when nothing was replaced.
   */
  static String legend(Preview preview) {
    Map<String, String> originals = new LinkedHashMap<>();
    preview.messages().forEach(p -> p.highlights().forEach(h -> originals.putIfAbsent(h.placeholder(),
        h.original())));
    if (originals.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    originals.forEach((placeholder, original) -> pairs.add(placeholder + " " + original));
    return "Only on this computer: " + String.join(" · ", pairs);
  }

  /** "812 bytes", "2.4 kB". */
  static String bytes(long n) {
    return n < 1000 ? n + (n == 1 ? " byte" : " bytes") : String.format(Locale.ROOT, "%.1f kB", n / 1000.0);
  }
}

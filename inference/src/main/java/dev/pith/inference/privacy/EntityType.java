package dev.pith.inference.privacy;

/**
 * The kinds of personal or secret text the {@link Sanitizer} replaces. The names follow Presidio's where it has the
 * same kind (EMAIL_ADDRESS, PHONE_NUMBER, ...), so its labelled benchmark can be scored by name; each kind has the
 * short word its placeholders use ({@code [EMAIL_1]}).
 */
public enum EntityType {
  EMAIL_ADDRESS("EMAIL"),
  PHONE_NUMBER("PHONE"),
  CREDIT_CARD("CARD"),
  IBAN_CODE("IBAN"),
  IP_ADDRESS("IP"),
  MAC_ADDRESS("MAC"),
  /** A URL carrying credentials (user-info) or secret-looking query parameters. */
  URL_SECRET("URL"),
  /** API keys, access tokens, private keys, passwords in assignments. */
  SECRET("SECRET"),
  US_SSN("SSN"),
  /** Other national ids with a check rule (e.g. UK NINO, Spanish DNI). */
  NATIONAL_ID("ID"),
  GPS_COORDINATES("GPS"),
  STREET_ADDRESS("ADDRESS"),
  /** A date of birth, when the text labels it as one (an ordinary date is not personal). */
  DATE_OF_BIRTH("DOB"),
  /** A home-directory path that names its user, e.g. {@code /home/alice/...} or {@code C:\Users\alice}. */
  HOME_PATH("PATH"),
  PERSON("NAME"),
  /** A name or term from the user's own list (people, companies, project code names). */
  CUSTOM_TERM("TERM");

  private final String placeholderWord;

  EntityType(String placeholderWord) {
    this.placeholderWord = placeholderWord;
  }

  /** The word in this kind's placeholders, e.g. {@code EMAIL} in {@code [EMAIL_1]}. */
  public String placeholderWord() {
    return placeholderWord;
  }
}

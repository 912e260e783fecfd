package dev.pith.inference.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each structured detector: true hits, check-digit failures refused, and things that only look like entities. */
class StructuredDetectorsTest {
  private static final Sanitizer SANITIZER = Sanitizer.standard(new SanitizerOptions("US", List.of()));

  /** The texts {@code d} finds in {@code text}, as {@code TYPE:text}. */
  private static List<String> found(Detector d, String text) {
    List<Entity> out = new ArrayList<>();
    d.detect(text, out);
    return out.stream().map(e -> e.type() + ":" + text.substring(e.start(), e.end())).toList();
  }

  private static void assertNothing(String text) {
    assertEquals(List.of(), SANITIZER.detect(text).stream().map(e -> e.type() + ":"
        + text.substring(e.start(), e.end())).toList(), text);
  }

  @Test
  void emails() {
    assertEquals(List.of("EMAIL_ADDRESS:ada.l+news@mail.example.org"),
        found(new EmailDetector(), "Write to ada.l+news@mail.example.org."));
    assertEquals(List.of(), found(new EmailDetector(), "https://bob:hunter2@git.example.com/x.git"));
  }

  @Test
  void phonesValidInTheRegionOrLabelled() {
    PhoneDetector us = new PhoneDetector("US");
    assertEquals(List.of("PHONE_NUMBER:(212) 555-0143"), found(us, "it's (212) 555-0143, after six"));
    assertEquals(List.of("PHONE_NUMBER:+44 20 7946 0958"), found(us, "London office +44 20 7946 0958."));
    assertEquals(List.of("PHONE_NUMBER:0490 75 40 81"), found(us, "Name: Toshimi\nPhone: 0490 75 40 81"));
    assertEquals(List.of("PHONE_NUMBER:07700 063 966"), found(us, "07700 063 966-Fax"));
    assertEquals(List.of(), found(us, "The function call returned 4027870 rows"));
    assertEquals(List.of(), found(us, "Call about order number 48213377 please"));
    assertEquals(List.of(), found(us, "Phone: 2024-05-06 12:30"));
  }

  @Test
  void cardsNeedTheLuhnCheck() {
    CardDetector d = new CardDetector();
    assertEquals(List.of("CREDIT_CARD:4111 1111 1111 1111"), found(d, "card 4111 1111 1111 1111 exp 09/27"));
    assertEquals(List.of("CREDIT_CARD:3782-822463-10005"), found(d, "Amex 3782-822463-10005"));
    assertEquals(List.of("CREDIT_CARD:630427373398"), found(d, "Maestro 630427373398"));
    assertEquals(List.of(), found(d, "card 4111 1111 1111 1112"));
    assertEquals(List.of(), found(d, "ISBN-13: 9780306406157, epoch 1700000000005"));
    assertEquals(List.of(), found(d, "4111 1111 11 111111")); // not a card's grouping
  }

  @Test
  void ibansNeedTheirLengthAndMod97() {
    IbanDetector d = new IbanDetector();
    assertEquals(List.of("IBAN_CODE:GB82 WEST 1234 5698 7654 32"), found(d, "IBAN: GB82 WEST 1234 5698 7654 32."));
    assertEquals(List.of("IBAN_CODE:de89370400440532013000"), found(d, "to de89370400440532013000 today"));
    assertEquals(List.of(), found(d, "GB82 WEST 1234 5698 7654 33"));
    assertEquals(List.of(), found(d, "DE8937040044053201300")); // one character short
  }

  @Test
  void ipAndMacAddresses() {
    NetworkDetector d = new NetworkDetector();
    assertEquals(List.of("IP_ADDRESS:192.168.1.20"), found(d, "ssh pi@192.168.1.20"));
    assertEquals(List.of("IP_ADDRESS:2001:db8:85a3::8a2e:370:7334", "IP_ADDRESS:::ffff:10.1.2.3"),
        found(d, "2001:db8:85a3::8a2e:370:7334 and ::ffff:10.1.2.3"));
    assertEquals(List.of("MAC_ADDRESS:3C:22:FB:0A:11:9e", "MAC_ADDRESS:0a1b.2c3d.4e5f"),
        found(d, "ether 3C:22:FB:0A:11:9e or 0a1b.2c3d.4e5f"));
    assertEquals(List.of(), found(d, "v10.0.0.1, version 1.2.3.4, 1.2.3, 127.0.0.1, 255.255.255.0, 256.1.1.1"));
    assertEquals(List.of(), found(d, "std::vector a::b [::1]:8080 12:30:45 1.2.3.4.5"));
  }

  @Test
  void urlSecretsReplaceOnlyTheSecretPart() {
    Sanitized s = SANITIZER.sanitize("clone https://bob:hunter2@git.example.com/x.git and GET "
        + "https://api.example.com/v1?token=Ab3dEf9hIj2k&page=2&sort=name", new PlaceholderMap());
    assertEquals("clone https://[URL_1]@git.example.com/x.git and GET "
        + "https://api.example.com/v1?token=[URL_2]&page=2&sort=name", s.text());
    assertEquals(List.of(), found(new UrlSecretDetector(), "https://example.com/search?key=title&token=abc"));
  }

  @Test
  void secretsByPrefixPemAssignmentAndEntropy() {
    SecretDetector d = new SecretDetector();
    assertEquals(List.of("SECRET:ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"),
        found(d, "token ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5 leaked"));
    assertEquals(List.of("SECRET:AKIAIOSFODNN7EXAMPLE"), found(d, "aws AKIAIOSFODNN7EXAMPLE"));
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
    assertTrue(found(d, "key:\n" + pem + "\nthanks").contains("SECRET:" + pem));
    assertEquals(List.of("SECRET:Tr0ub4dor&3"), found(d, "DB_PASSWORD=Tr0ub4dor&3"));
    assertEquals(List.of("SECRET:hunter2"), found(d, "my password is: hunter2"));
    assertEquals(List.of("SECRET:q8Xz2LmN4pR7sT1vW9yB3cD6fG"), found(d, "cookie q8Xz2LmN4pR7sT1vW9yB3cD6fG expired"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"password: string;", "api_key = os.environ['API_KEY']", "password = getpass()",
      "PASSWORD=${DB_PASSWORD}", "secret: <your secret here>", "token: 0.5", "password: ********",
      "commit 3f9a2c1b7e8d4f6a0b5c9d2e1f3a4b5c6d7e8f90", "id 550e8400-e29b-41d4-a716-446655440000",
      "AbstractSingletonProxyFactoryBean", "HttpServletRequestWrapperFactory2", "antidisestablishmentarianism"})
  void notSecrets(String text) {
    assertNothing(text);
  }

  @Test
  void ssnsAndNationalIds() {
    NationalIdDetector d = new NationalIdDetector();
    assertEquals(List.of("US_SSN:536-90-4399"), found(d, "SSN 536-90-4399"));
    assertEquals(List.of("US_SSN:536 90 4399"), found(d, "social security number 536 90 4399"));
    assertEquals(List.of(), found(d, "000-12-3456 666-12-3456 912-34-5678 536-00-4399 536-90-0000 536904399"));
    assertEquals(List.of("NATIONAL_ID:AB 12 34 56 C"), found(d, "NI number AB 12 34 56 C"));
    assertEquals(List.of(), found(d, "GB 12 34 56 C")); // a prefix never issued
    assertEquals(List.of("NATIONAL_ID:12345678Z", "NATIONAL_ID:X1234567L"), found(d, "DNI 12345678Z, NIE X1234567L"));
    assertEquals(List.of(), found(d, "DNI 12345678A"));
    assertEquals(List.of("NATIONAL_ID:RSSMRA85T10A562S"), found(d, "CF RSSMRA85T10A562S"));
    assertEquals(List.of(), found(d, "CF RSSMRA85T10A562T"));
  }

  @Test
  void gpsCoordinates() {
    GpsDetector d = new GpsDetector();
    assertEquals(List.of("GPS_COORDINATES:51.5007, -0.1246"), found(d, "at 51.5007, -0.1246 now"));
    assertEquals(List.of("GPS_COORDINATES:51°30'02.5\"N 0°07'28.6\"W"), found(d, "pin 51°30'02.5\"N 0°07'28.6\"W"));
    assertEquals(List.of(), found(d, "3.14, 2.71 and 95.1234, 10.1234 and 12.5, 13.25"));
  }

  @Test
  void datesOfBirthOnlyWhenLabelled() {
    BirthDateDetector d = new BirthDateDetector();
    assertEquals(List.of("DATE_OF_BIRTH:1984-03-07"), found(d, "DOB: 1984-03-07"));
    assertEquals(List.of("DATE_OF_BIRTH:March 7, 1984"), found(d, "I was born on March 7, 1984."));
    assertEquals(List.of(), found(d, "The release on March 7, 2024 and 2024-03-07; born in 1984."));
  }

  @Test
  void homePathsReplaceTheHomeAndKeepTheRest() {
    Sanitized s = SANITIZER.sanitize("cat /home/alice/app/.env; dir C:\\Users\\Jo Smith\\Desktop; /Users/bob.",
        new PlaceholderMap());
    assertEquals("cat [PATH_1]/app/.env; dir [PATH_2]\\Desktop; [PATH_3].", s.text());
    assertNothing("/home/user/.bashrc /usr/local/bin C:\\Users\\Public\\Documents ~/projects /home/$USER/x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Upgrade to 1.2.3 or v2.0.1", "Python 3.11.4", "on 2024-03-15 at 10:30", "15/03/2024",
      "3.14 * 2 = 6.28", "order #123456", "Order number 48213377", "colour #1e90ff, 0xDEADBEEF", "localhost:8080",
      "took 1.250 s (12:30:45)", "ISBN 978-3-16-148410-0", "$1,299.99", "population 8,336,817", "Room 101, bus 42"})
  void ordinaryTextIsLeftAlone(String text) {
    assertNothing(text);
  }
}

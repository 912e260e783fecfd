package dev.pith.inference.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreetAddressDetectorTest {
  private static List<String> addresses(String text) {
    return new Sanitizer(List.of(new StreetAddressDetector())).detect(text).stream()
        .map(e -> text.substring(e.start(), e.end())).toList();
  }

  @Test
  void houseNumberStreetAndStreetWord() {
    assertEquals(List.of("221B Baker Street"), addresses("Send it to 221B Baker Street."));
    assertEquals(List.of("1600 Pennsylvania Avenue NW, Washington, DC 20500"),
        addresses("Write to 1600 Pennsylvania Avenue NW, Washington, DC 20500 and wait."));
  }

  @Test
  void streetWordsOfOtherLanguages() {
    assertEquals(List.of("Augsburger Strasse 36"), addresses("Wir wohnen in der Augsburger Strasse 36"));
    assertEquals(List.of("Vesterskovvej 79"), addresses("The bus station is on Vesterskovvej 79"));
    assertEquals(List.of("18 rue des Lilas, Paris"), addresses("We moved to 18 rue des Lilas, Paris last month."));
    assertEquals(List.of("ul. Długa 44"), addresses("Meet me at ul. Długa 44 tomorrow."));
    assertEquals(List.of("Via Roma 131"), addresses("Lives at Via Roma 131"));
  }

  @Test
  void unitsAndTheCityLinesBelongToTheAddress() {
    assertEquals(List.of("12 Elm Road Apt. 4B\nSpringfield, IL 62704"),
        addresses("Ship it to:\n12 Elm Road Apt. 4B\nSpringfield, IL 62704\nThanks!"));
    assertEquals(List.of("22829 Jagerij 64\n Apt. 591\n Mazée\n Belgium 12345"),
        addresses("Fausto Calabrese\n\n22829 Jagerij 64\n Apt. 591\n Mazée\n Belgium 12345"));
    assertEquals(List.of("99 Station Road, Leeds LS1 4DY"), addresses("I live at 99 Station Road, Leeds LS1 4DY."));
  }

  @Test
  void aDateWithItsMonthsNameIsNotAnAddress() {
    assertEquals(List.of(), addresses("I was born on 22 May 1973, and moved on 3rd Oct. 2024."));
    assertEquals(List.of(), addresses("My birthday is 12 Jun 1957."));
  }

  @Test
  void theNextLinesPhoneNumberIsNotAPostcode() {
    assertEquals(List.of("PSC 3294, Box 9168\nAPO AA 61487"),
        addresses("Paxata\nPSC 3294, Box 9168\nAPO AA 61487\n416 60 039 office\n"));
    assertEquals(List.of("12 Elm Road\nSpringfield, IL 62704"),
        addresses("12 Elm Road\nSpringfield, IL 62704\n082 490 1693-Office"));
  }

  @Test
  void aCountryIsNotAUnitAndAPostcodeEndsTheAddress() {
    assertEquals(List.of("14 Crown Street\n Suite 321\n LONDON\n United Kingdom 75419"),
        addresses("send it to 14 Crown Street\n Suite 321\n LONDON\n United Kingdom 75419? I am away"));
    assertEquals(List.of("50541 Mlýnská 1540\nTrancoso\n, GU\n Portugal 44674"),
        addresses("change my address to 50541 Mlýnská 1540\nTrancoso\n, GU\n Portugal 44674 for post mail?"));
    assertEquals(List.of("99449 18 McPherson Road Suite 019 CHARLEROI Victoria"),
        addresses("send a new one to 99449 18 McPherson Road Suite 019 CHARLEROI Victoria? I am in Lordelo"));
  }

  @Test
  void aNameAndNumberIsAnAddressWhenTheTextSaysSo() {
    assertEquals(List.of("Jagerij 64"), addresses("My new address is Jagerij 64"));
    assertEquals(List.of(), addresses("Chapter 12 explains it."));
  }

  @Test
  void boxesAndCorners() {
    assertEquals(List.of("PO Box 4471"), addresses("Reply to PO Box 4471."));
    assertEquals(List.of("PSC 6477, Box 2981\nAPO AE 83700"), addresses("Hopstop\nPSC 6477, Box 2981\nAPO AE 83700"));
    assertEquals(List.of("the corner of 11 Botley Road and Herceg Gateway"),
        addresses("Stop at the corner of 11 Botley Road and Herceg Gateway"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"The Main Street bakery sells great bread.", "Python 3 and Java 17 are installed.",
      "Windows 11 keeps asking me to restart.", "May 5 is the deadline.", "Room 101 is on the first floor.",
      "Route 66 is a famous road trip.", "Gate 23 is at the far end of Terminal 2.",
      "Please review PR 482 before Friday."})
  void numbersBesideWordsAreNotAddresses(String text) {
    assertEquals(List.of(), addresses(text));
  }
}

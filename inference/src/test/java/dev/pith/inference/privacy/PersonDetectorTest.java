package dev.pith.inference.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonDetectorTest {
  private static final PersonDetector DETECTOR = new PersonDetector();

  /** The names found in {@code text}, as text. */
  private static List<String> names(String text) {
    return new Sanitizer(List.of(DETECTOR)).detect(text).stream().map(e -> text.substring(e.start(), e.end()))
        .toList();
  }

  @Test
  void aWordTheListsDoNotKnowIsANameWhenOnlyAPersonCouldDoWhatFollows() {
    assertEquals(List.of("Trivo"), names("Trivo lives on the third floor."));
    assertEquals(List.of("Gerth"), names("Gerth had given me the keys."));
    assertEquals(List.of("Hartvigsson"), names("\"It works,\" says Hartvigsson."));
    assertEquals(List.of(), names("Python is slow here."), "anything 'is': not enough");
    assertEquals(List.of(), names("Kubernetes spent a lot of memory."), "'spent a' alone: not a person's verb here");
  }

  @Test
  void aTitleMakesANameEvenWhenAnAddressFollowsIt() {
    assertEquals(List.of("Barbara Yudina"), names("Mrs. Barbara Yudina Apt. 675"));
  }

  @Test
  void twoNamesJoinedByAndAreBothNamesWhenOneIsKnown() {
    assertEquals(List.of("Abramovich", "Wilson"), names("Abramovich and Wilson were precision engineers."));
  }

  @Test
  void textWrittenAllInLowerCaseStillHasItsNames() {
    assertEquals(List.of("patricia desrosiers"), names("follow up with patricia desrosiers in a couple of months."));
    assertEquals(List.of(), names("rose and grant went to the park"), "ambiguous words stay words");
    assertEquals(List.of(), names("will you update numpy to 1.26 and rerun main.py"));
    assertEquals(List.of(), names("may i ask how to sort a list in python"));
  }

  @Test
  void firstNameAndSurnameFromTheListsAreOneName() {
    assertEquals(List.of("Maria Lopez"), names("I had lunch with Maria Lopez yesterday."));
    assertEquals(List.of("Ingrid Halvorsen"), names("Ingrid Halvorsen asked me to move the meeting."));
  }

  @Test
  void middleInitialsAndParticlesStayInsideTheName() {
    assertEquals(List.of("Anna K. Schmidt"), names("Please email Anna K. Schmidt today."));
    assertEquals(List.of("Szabina J Gelencsér"), names("Forward it to Szabina J Gelencsér please."));
    assertEquals(List.of("Willem van der Berg"), names("Our host was Willem van der Berg."));
  }

  @Test
  void aPossessiveIsLeftOutside() {
    assertEquals(List.of("Maria"), names("It is Maria's birthday on Friday."));
  }

  @Test
  void cuesMakeUnknownWordsNames() {
    assertEquals(List.of("Quillon"), names("Hello, my name is Quillon and I need a cover letter."));
    assertEquals(List.of("Abernethy"), names("I have an appointment with Dr. Abernethy at nine."));
    assertEquals(List.of("Okafor"), names("Write to Mrs Okafor about the fence."));
    assertEquals(List.of("Brennagh"), names("Dear Brennagh,\nthanks for the quick reply."));
    assertEquals(List.of("Tully"), names("Kind regards,\nTully"));
    assertEquals(List.of("lena andersson"), names("my name is lena andersson."));
  }

  @Test
  void aSpeakersLabelAndAListOfNamesAreNames() {
    assertEquals(List.of("John"), names("John: You saved my life!"));
    assertEquals(List.of("Kónya", "Emma", "Becker", "Vasquez"), names("Our founders: Kónya, Emma, Becker and Vasquez."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Will you help me plan a trip to Lisbon in May?",
      "May 5 is the deadline for the grant application.", "Mark the box if you agree.",
      "Grant access to the shared folder.", "Summer is the best time to visit Norway.",
      "Rose gold is the most popular colour.", "Bill me at the end of the month.",
      "Hunter boots are great for muddy walks.", "The meeting moved from Monday to Wednesday in April.",
      "How do I install Ruby on Rails on Ubuntu?", "Is Julia faster than Python?",
      "Lake Como is lovely.", "The Beatles recorded Abbey Road in 1969.",
      "Davis, Reynolds and Williamson Orchestra was founded in 1977.", "Windows 11 keeps asking me to restart."})
  void commonWordsPlacesAndProductsAreNotNames(String text) {
    assertEquals(List.of(), names(text));
  }

  @Test
  void theGazetteerLoadsAndCarriesItsLicence() throws IOException {
    NameGazetteer names = NameGazetteer.get();
    assertTrue(names.size() > 20_000, "names: " + names.size());
    assertTrue(names.isFirstName("maria") && names.isSurname("nowak") && names.isWord("rose"));
    try (InputStream notice = NameGazetteer.class.getResourceAsStream(NameGazetteer.NOTICE)) {
      assertNotNull(notice, "the lists' licence notice beside them");
      String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("@faker-js/faker") && text.contains("Permission is hereby granted"), text);
    }
  }
}

package dev.pith.inference.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SanitizerTest {
  private static final SanitizerOptions TERMS =
      new SanitizerOptions("GB", List.of("Blue Fin", "Project Blue Fin", "Acme", " ", "acme"));

  @Test
  void userTermsAreWholeWordsWhateverTheirCase() {
    Sanitizer s = Sanitizer.standard(TERMS);
    Sanitized out = s.sanitize("ACME's Project blue fin, not Acmes or blue finch.", new PlaceholderMap());
    assertEquals("[TERM_1]'s [TERM_2], not Acmes or blue finch.", out.text());
    assertEquals(List.of(new Redaction(EntityType.CUSTOM_TERM, 0, 4, "ACME", "[TERM_1]"),
        new Redaction(EntityType.CUSTOM_TERM, 7, 23, "Project blue fin", "[TERM_2]")), out.redactions());
    assertEquals(Map.of(EntityType.CUSTOM_TERM, 2), out.counts());
  }

  @Test
  void theSameTextKeepsItsPlaceholderAcrossMessagesAndRepliesAreRehydrated() {
    Sanitizer s = Sanitizer.standard(TERMS);
    PlaceholderMap map = new PlaceholderMap();
    assertEquals("Tell [TERM_1] about [TERM_2].", s.sanitize("Tell Acme about Blue Fin.", map).text());
    assertEquals("Does [TERM_2] ship before [TERM_1]?", s.sanitize("Does blue fin ship before acme?", map).text());
    assertEquals("Acme should ship Blue Fin first; [NAME_9] is unknown.",
        map.rehydrate("[TERM_1] should ship [TERM_2] first; [NAME_9] is unknown."));
  }

  @Test
  void whatWasFoundOnceIsReplacedWhereverElseItStandsAsAWord() {
    // the detector finds "Kemal" only after its cue; the later "Kemal" has none, and "Kemalist" is another word
    Detector cued = (text, out) -> {
      int at = text.indexOf("Dear Kemal");
      if (at >= 0) {
        out.add(new Entity(EntityType.PERSON, at + 5, at + 10));
      }
    };
    Sanitizer s = new Sanitizer(List.of(cued));
    PlaceholderMap map = new PlaceholderMap();
    assertEquals("Dear [NAME_1], is [NAME_1] free? Kemalist history.",
        s.sanitize("Dear Kemal, is Kemal free? Kemalist history.", map).text());
    assertEquals("Tell [NAME_1] the room moved.", s.sanitize("Tell Kemal the room moved.", map).text(),
        "a later message: the conversation's map knows the name");
  }

  @Test
  void overlappingFindingsKeepTheLongerThenTheKindListedFirst() {
    Detector fake = (text, out) -> {
      out.add(new Entity(EntityType.PERSON, 0, 5));
      out.add(new Entity(EntityType.STREET_ADDRESS, 0, 12));
      out.add(new Entity(EntityType.CUSTOM_TERM, 14, 18));
      out.add(new Entity(EntityType.PERSON, 14, 18));
    };
    List<Entity> kept = new Sanitizer(List.of(fake)).detect("0123456789abcdefghij");
    assertEquals(List.of(new Entity(EntityType.STREET_ADDRESS, 0, 12), new Entity(EntityType.PERSON, 14, 18)), kept);
  }

  @Test
  void placeholdersCountPerKind() {
    PlaceholderMap map = new PlaceholderMap();
    assertEquals("[EMAIL_1]", map.placeholderFor(EntityType.EMAIL_ADDRESS, "a@example.com"));
    assertEquals("[NAME_1]", map.placeholderFor(EntityType.PERSON, "Ada"));
    assertEquals("[EMAIL_2]", map.placeholderFor(EntityType.EMAIL_ADDRESS, "b@example.com"));
    assertEquals("[EMAIL_1]", map.placeholderFor(EntityType.EMAIL_ADDRESS, "A@Example.com"));
    assertEquals(3, map.size());
    assertEquals("$1 \\ [x]", new PlaceholderMap().rehydrate("$1 \\ [x]"));
  }

  @Test
  void thePhoneRegionComesFromTheSettingThenTheLocale() {
    assertEquals("DE", SanitizerOptions.phoneRegion(" de ", Locale.UK));
    assertEquals("GB", SanitizerOptions.phoneRegion(null, Locale.UK));
    assertEquals("US", SanitizerOptions.phoneRegion("", Locale.ENGLISH));
    assertThrows(IllegalArgumentException.class, () -> new SanitizerOptions("Britain", List.of()));
  }
}

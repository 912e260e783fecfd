package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  @Test
  void wordsAndQuotedPhrasesBecomeFtsStringsOperatorsAndPunctuationAreText() {
    assertEquals(List.of("\"sourdough\"", "\"starter\""), SearchQuery.phrases("sourdough starter"));
    assertEquals(List.of("\"feed it\"", "\"daily\""), SearchQuery.phrases("\"feed it\" daily"));
    assertEquals(List.of("\"c++\"", "\"foo\""), SearchQuery.phrases("c++ \"foo"));
    assertEquals(List.of("\"NEAR(a\"", "\"b)\"", "\"AND\"", "\"col:x\""), SearchQuery.phrases("NEAR(a b) AND col:x"));
    assertEquals(List.of("\"it's\""), SearchQuery.phrases("it's *** -- ?"));
  }

  @Test
  void aRepeatedWordIsSearchedOnceAndNothingSearchableIsEmpty() {
    assertEquals(List.of("\"of\""), SearchQuery.phrases("of of OF"));
    assertEquals(Optional.of("\"of\" \"the\""), SearchQuery.toFts("of the of"));
    assertEquals(List.of(), SearchQuery.phrases("*** \" ''"));
    assertEquals(Optional.empty(), SearchQuery.toFts(null));
  }
}

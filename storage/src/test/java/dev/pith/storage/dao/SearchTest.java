package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTest {
  @TempDir Path dir;
  private Database db;
  private UUID bread;
  private UUID code;

  @BeforeEach
  void open() {
    db = Fixtures.open(dir, new TestClock());
    bread = Fixtures.conversation(db, "Bread", "Why does my sourdough not rise?",
        "A cold kitchen slows the yeast; give the dough more time, or a warmer spot near the oven.");
    code = Fixtures.conversation(db, "Code", "How do I print in C++? I tried \"cout\" and it failed.",
        "Include <iostream> and write std::cout << \"hi\"; the yeast of every C++ program is main().");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void findsWordsAcrossConversationsWithMarkedSnippets() {
    List<SearchHit> hits = search("yeast");
    assertEquals(Set.of(bread, code), hits.stream().map(SearchHit::conversationId).collect(Collectors.toSet()));
    SearchHit breadHit = hits.stream().filter(h -> h.conversationId().equals(bread)).findFirst().orElseThrow();
    assertEquals("Bread", breadHit.conversationTitle());
    assertEquals(Role.ASSISTANT, breadHit.role());
    assertTrue(breadHit.snippet().contains("[yeast]"), breadHit.snippet());
  }

  @Test
  void everyWordMustMatchAndCaseAndAccentsDoNotMatter() {
    assertEquals(List.of(bread), conversations(search("YEAST kitchen")));
    assertEquals(List.of(bread), conversations(search("kïtchen")));
    assertEquals(List.of(), search("yeast giraffe"));
  }

  @Test
  void aQuotedPhraseMatchesOnlyInOrder() {
    assertEquals(List.of(bread), conversations(search("\"give the dough\"")));
    assertEquals(List.of(), search("\"dough the give\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"c++", "C++ \"cout", "\"", "\"\"", "NEAR(yeast", "yeast*", "-yeast", "yeast AND",
      "OR", "'); DROP TABLE messages; --", "content:yeast", "^yeast", "(", "{yeast}", "yeast NOT dough", "***",
      "a\"b\"c", "\\", "'", "%", "_"})
  void punctuationQuotesAndOperatorsNeverBreakTheQuery(String query) {
    List<SearchHit> hits = search(query); // must not throw
    assertTrue(hits.size() <= 4);
    assertEquals(4L, (long) db.read(c -> new MessageDao(c).count()), "and nothing was dropped");
  }

  @Test
  void operatorsAndPunctuationAreSearchedAsWords() {
    assertEquals(List.of(code), conversations(search("c++")));
    assertEquals(List.of(code), conversations(search("\"cout")));
    assertEquals(List.of(), search("NEAR(yeast")); // "near" is not in the text: a word, not an operator
    // Punctuated words are phrases of their parts: "std::cout" finds std::cout, and a column filter is text.
    assertEquals(List.of(code), conversations(search("std::cout")));
    assertEquals(List.of(), search("content:kitchen"));
  }

  @Test
  void nothingSearchableFindsNothing() {
    assertEquals(List.of(), search(""));
    assertEquals(List.of(), search("   "));
    assertEquals(List.of(), search("?!. ,;"));
    assertEquals(List.of(), search(null));
  }

  private List<SearchHit> search(String query) {
    return db.read(c -> new SearchDao(c).search(query, 20, "[", "]"));
  }

  private static List<UUID> conversations(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::conversationId).distinct().toList();
  }
}

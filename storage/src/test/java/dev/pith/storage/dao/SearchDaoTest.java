package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchDaoTest {
  @TempDir Path dir;

  @Test
  void fewMatchesAreRankedByRelevanceWithTheirConversationAndSnippet() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID pears = Fixtures.conversation(db, "Pears", "Which pear keeps longest?",
          "The pear that keeps longest is a winter pear; a pear picked hard keeps for months.");
      Fixtures.conversation(db, "Fruit", "Tell me about fruit",
          "Apples, plums, cherries and, now and then, a pear are the usual fruit of an orchard in the north.");
      Fixtures.conversation(db, "Bread", "How long do I knead?", "Ten minutes by hand.");

      List<SearchHit> hits = db.read(c -> new SearchDao(c).search("PEAR", 10, "[", "]"));
      assertEquals(3, hits.size());
      assertEquals(pears, hits.get(0).conversationId());
      assertEquals("Pears", hits.get(0).conversationTitle());
      assertEquals(Role.ASSISTANT, hits.get(0).role());
      assertTrue(hits.get(0).snippet().contains("[pear]"), hits.get(0).snippet());
      assertEquals("Fruit", hits.get(2).conversationTitle());

      assertEquals(1, db.read(c -> new SearchDao(c).search("pear \"winter pear\"", 10, "[", "]")).size());
      assertEquals(0, db.read(c -> new SearchDao(c).search("pear knead", 10, "[", "]")).size());
      assertEquals(List.of(), db.read(c -> new SearchDao(c).search("*** \"", 10, "[", "]")));
      assertEquals(List.of(), db.read(c -> new SearchDao(c).search("pear", 0, "[", "]")));
      assertEquals(0, db.read(c -> new SearchDao(c).search("c++ \"foo", 10, "[", "]")).size());
      assertEquals(2, db.read(c -> new SearchDao(c).search("pear", 2, "[", "]")).size());
    }
  }

  @Test
  void aQueryMatchingMoreThanTheCandidatesRanksItsNewestMatches() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID c = conversation(db);
      List<String> texts = new ArrayList<>(List.of("plum plum plum plum"));
      for (int i = 0; i < 8; i++) {
        texts.add("apple " + i); // so that plum is not in half the messages (bm25 would not weigh it)
      }
      texts.addAll(List.of("plum tart", "a plum", "plum plum", "plum", "plum pie"));
      insert(db, c, texts.toArray(new String[0]));
      // The newest three are "plum plum", "plum" and "plum pie"; the best overall is the oldest.
      assertEquals(List.of("[plum] [plum]", "[plum]"),
          texts(db, x -> new SearchDao(x, 3, Long.MAX_VALUE, 10).search("plum", 2, "[", "]")));
      // With room for every match, the best overall comes first.
      assertEquals(List.of("[plum] [plum] [plum] [plum]", "[plum] [plum]"),
          texts(db, x -> new SearchDao(x, 100, Long.MAX_VALUE, 10).search("plum", 2, "[", "]")));
    }
  }

  @Test
  void veryCommonWordsMustMatchButNeitherWeighNorShowBesideRarerOnes() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID c = conversation(db);
      insert(db, c, "the fig fig fig", "the oven", "the fig", "a fig without that word", "the bread", "the end",
          "the cake", "the jam", "the tea");
      // "the" is in 8 of 9 messages: over a threshold of 3 it is too common to weigh; fig (3 of 9) is not.
      SearchDaoFactory small = x -> new SearchDao(x, 100, 3, 2);
      // Alone, common words list the newest matches first.
      assertEquals(List.of("[the] tea", "[the] jam", "[the] cake", "[the] end", "[the] bread", "[the] fig",
              "[the] oven", "[the] fig fig fig"),
          texts(db, x -> small.of(x).search("the", 10, "[", "]")));
      // With a rarer word, the rarer word orders them and alone is marked; every word must still match.
      assertEquals(List.of("the [fig] [fig] [fig]", "the [fig]"),
          texts(db, x -> small.of(x).search("fig the", 10, "[", "]")));
    }
  }

  @Test
  void aPhraseIsJudgedCommonFromHowDenselyItsNewestMatchesLie() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID c = conversation(db);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        texts.add("rarely filler " + i);
      }
      for (int i = 0; i < 60; i++) {
        texts.add("filler " + i);
      }
      for (int i = 0; i < 6; i++) {
        texts.add("quince " + i);
      }
      texts.add("quince quince quince rarely");
      texts.add("rarely rarely quince");
      insert(db, c, texts.toArray(new String[0]));
      // quince is in 8 of 88 messages, but its 4 newest matches are the 4 newest messages: it looks like it
      // is in all 88. Over a threshold of 25 it does not weigh, and "rarely" alone puts two of them first.
      assertEquals(List.of("[rarely] [rarely] quince", "quince quince quince [rarely]"),
          texts(db, x -> new SearchDao(x, 100, 25, 4).search("quince rarely", 10, "[", "]")));
      // With a threshold above the number of messages nothing is too common; three quinces weigh more.
      assertEquals(List.of("[quince] [quince] [quince] [rarely]", "[rarely] [rarely] [quince]"),
          texts(db, x -> new SearchDao(x, 100, 100, 4).search("quince rarely", 10, "[", "]")));
    }
  }

  /**
   * Whatever the bounds, a search returns only messages that match every word, and as many as asked for
   * when there are that many.
   */
  @Test
  void everyHitMatchesEveryWordAndNoneIsMissingWhateverTheBounds() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID c = conversation(db);
      String[] vocabulary = {"a", "b", "c", "d", "e", "f", "g", "h"};
      Random random = new Random(7);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int w = 0; w < n; w++) {
          // Skewed: "a" is in most messages, "h" in few.
          sb.append(vocabulary[Math.min(vocabulary.length - 1, (int) Math.abs(random.nextGaussian() * 2.5))])
              .append(' ');
        }
        texts.add(sb.toString().trim() + " #" + i);
      }
      insert(db, c, texts.toArray(new String[0]));
      int[][] bounds = {{2_000, 50_000, 500}, {5, 10, 3}, {20, 60, 5}, {1, 1, 1}, {50, 100, 50}};
      String[] queries = {"a", "h", "a h", "a b", "b c d", "g h", "c \"a b\"", "a a", "h a g"};
      for (int[] b : bounds) {
        for (String q : queries) {
          for (int limit : new int[] {1, 7, 20, 400}) {
            List<SearchHit> hits = db.read(x -> new SearchDao(x, b[0], b[1], b[2]).search(q, limit, "", ""));
            long matching = texts.stream().filter(t -> matches(t, q)).count();
            String where = "bounds " + Arrays.toString(b) + ", query " + q + ", limit " + limit;
            assertEquals(Math.min(limit, matching), hits.size(), where);
            assertEquals(hits.size(), new HashSet<>(hits.stream().map(SearchHit::messageId).toList()).size(), where);
            for (SearchHit h : hits) {
              String text = db.read(x -> new MessageDao(x).find(h.messageId())).orElseThrow().content();
              assertTrue(matches(text, q), where + ": " + text);
            }
          }
        }
      }
    }
  }

  private static boolean matches(String text, String query) {
    List<String> tokens = Arrays.asList(text.toLowerCase(Locale.ROOT).replace("#", " ").split("\\s+"));
    String joined = " " + String.join(" ", tokens) + " ";
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(query);
    while (m.find()) {
      String part = m.group(1) != null ? m.group(1) : m.group(2);
      if (!joined.contains(" " + part + " ")) {
        return false;
      }
    }
    return true;
  }

  @FunctionalInterface
  private interface SearchDaoFactory {
    SearchDao of(java.sql.Connection c);
  }

  @FunctionalInterface
  private interface Search {
    List<SearchHit> run(java.sql.Connection c) throws SQLException;
  }

  private static List<String> texts(Database db, Search search) {
    return db.read(search::run).stream().map(SearchHit::snippet).toList();
  }

  private static UUID conversation(Database db) {
    UUID id = UUID.randomUUID();
    db.writeAndWait("test", c -> {
      new ConversationDao(c).insert(new Conversation(id, "t", db.clock().instant(), db.clock().instant(), false,
          false));
      return null;
    });
    return id;
  }

  /** Inserts {@code texts} in order, each answering the one before. */
  private static void insert(Database db, UUID conversation, String... texts) {
    db.writeAndWait("test", c -> {
      UUID parent = null;
      for (String t : texts) {
        Message m = Message.written(conversation, parent, Role.USER, t, db.clock().instant());
        new MessageDao(c).insert(m);
        parent = m.id();
      }
      return null;
    });
  }
}

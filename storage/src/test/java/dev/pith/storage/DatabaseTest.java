package dev.pith.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock();
  private Database db;

  @BeforeEach
  void open() {
    db = Fixtures.open(dir, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void everyConnectionHasWalForeignKeysAndABusyTimeout() {
    assertEquals("wal", db.read(c -> pragma(c, "journal_mode")));
    assertEquals("1", db.read(c -> pragma(c, "foreign_keys")));
    assertEquals(String.valueOf(Connections.BUSY_TIMEOUT_MS), db.read(c -> pragma(c, "busy_timeout")));
    assertEquals("1", db.writeAndWait("test", c -> pragma(c, "foreign_keys")));
    assertEquals("2", db.writeAndWait("test", c -> pragma(c, "synchronous")), "FULL");
  }

  @Test
  void writesRunOnTheOneWriterThreadAndReadsCannotWrite() {
    assertEquals("pith-db-writer", db.writeAndWait("test", c -> Thread.currentThread().getName()));
    StorageException e = assertThrows(StorageException.class,
        () -> db.read(c -> new SettingsDao(c).remove("anything")));
    assertTrue(e.getMessage().startsWith("Could not finish reading the database"), e.getMessage());
  }

  @Test
  void aFailedWriteRollsBackEverythingItDid() {
    Conversation c = Conversation.create(clock.instant());
    CompletionException e = assertThrows(CompletionException.class, () -> db.write("test", tx -> {
      new ConversationDao(tx).insert(c);
      new ConversationDao(tx).insert(c); // duplicate id
      return null;
    }).join());
    assertTrue(e.getCause() instanceof StorageException, String.valueOf(e.getCause()));
    assertEquals(0L, (long) db.read(tx -> new ConversationDao(tx).count()));
  }

  @Test
  void deletingAConversationDeletesItsMessagesAndTheirSearchEntries() {
    UUID keep = Fixtures.conversation(db, "Keep", "What is a pith helmet?", "A sun helmet made of pith.");
    UUID gone = Fixtures.conversation(db, "Gone", "Tell me about helmets", "Helmets protect heads.");
    // Both messages of "Keep" say "helmet"; "Gone" says "helmets", a different word to FTS5 (no stemming).
    assertEquals(2, db.read(c -> new SearchDao(c).search("helmet", 10, "[", "]")).size());
    assertEquals(1, db.read(c -> new SearchDao(c).search("protect", 10, "[", "]")).size());
    db.writeAndWait("test", c -> new ConversationDao(c).delete(gone));
    assertEquals(2L, (long) db.read(c -> new MessageDao(c).count()));
    assertEquals(List.of(keep), db.read(c -> new SearchDao(c).search("helmet", 10, "[", "]")).stream()
        .map(h -> h.conversationId()).distinct().toList());
    assertEquals(List.of(), db.read(c -> new SearchDao(c).search("protect", 10, "[", "]")));
    assertEquals(List.of(), db.integrityCheck());
  }

  @Test
  void editedTextIsReindexed() {
    UUID id = Fixtures.conversation(db, "t", "first words", "an answer");
    Message question = db.read(c -> new MessageDao(c).thread(id, 10)).get(0);
    db.writeAndWait("test", c -> {
      try (var ps = c.prepareStatement("UPDATE messages SET content = 'second thoughts' WHERE id = ?")) {
        ps.setString(1, question.id().toString());
        return ps.executeUpdate();
      }
    });
    assertEquals(List.of(), db.read(c -> new SearchDao(c).search("first", 10, "[", "]")));
    assertEquals(1, db.read(c -> new SearchDao(c).search("thoughts", 10, "[", "]")).size());
  }

  @Test
  void aRegeneratedAnswerIsASiblingAndTheThreadFollowsTheNewestBranch() {
    Instant t = clock.instant();
    Conversation conv = Conversation.create(t);
    Message q = Message.written(conv.id(), null, Role.USER, "Name a colour", t);
    Message a1 = Message.written(conv.id(), q.id(), Role.ASSISTANT, "Red", t);
    Message a2 = Message.written(conv.id(), q.id(), Role.ASSISTANT, "Blue", t);
    Message q2 = Message.written(conv.id(), a1.id(), Role.USER, "Another?", t);
    db.writeAndWait("test", c -> {
      new ConversationDao(c).insert(conv);
      MessageDao m = new MessageDao(c);
      m.insert(q);
      m.insert(a1);
      m.insert(a2);
      return null;
    });
    assertEquals(List.of("Name a colour", "Blue"), contents(db.read(c -> new MessageDao(c).thread(conv.id(), 200))));
    assertEquals(List.of(a1.id(), a2.id()),
        db.read(c -> new MessageDao(c).children(conv.id(), q.id())).stream().map(Message::id).toList());

    // Continuing the first branch makes it the newest again.
    db.writeAndWait("test", c -> {
      new MessageDao(c).insert(q2);
      return null;
    });
    assertEquals(List.of("Name a colour", "Red", "Another?"),
        contents(db.read(c -> new MessageDao(c).thread(conv.id(), 200))));
    assertEquals(q2.id(), db.read(c -> new MessageDao(c).newestUnder(a1.id())));
    assertEquals(a2.id(), db.read(c -> new MessageDao(c).newestUnder(a2.id())));
    assertEquals(List.of("Red", "Another?"), contents(db.read(c -> new MessageDao(c).pathTo(q2.id(), 2))));
  }

  @Test
  void aParentFromAnotherConversationIsRefused() {
    UUID first = Fixtures.conversation(db, "a", "q", "a");
    UUID firstQuestion = db.read(c -> new MessageDao(c).thread(first, 1)).get(0).id();
    Conversation other = Conversation.create(clock.instant());
    CompletionException e = assertThrows(CompletionException.class, () -> db.write("test", c -> {
      new ConversationDao(c).insert(other);
      new MessageDao(c).insert(Message.written(other.id(), firstQuestion, Role.USER, "x", clock.instant()));
      return null;
    }).join());
    assertTrue(e.getCause().getMessage().contains("belongs to another conversation"), e.getCause().getMessage());
    assertFalse(db.read(c -> new ConversationDao(c).find(other.id())).isPresent());
  }

  @Test
  void newMessagesMoveTheirConversationToTheTopOfTheList() {
    UUID older = Fixtures.conversation(db, "older", "q", "a");
    clock.advance(Duration.ofMinutes(1));
    UUID newer = Fixtures.conversation(db, "newer", "q", "a");
    assertEquals(List.of(newer, older), ids(db.read(c -> new ConversationDao(c).recent(10, false))));
    clock.advance(Duration.ofMinutes(1));
    db.writeAndWait("test", c -> {
      new MessageDao(c).insert(Message.written(older, null, Role.USER, "back again", clock.instant()));
      return null;
    });
    assertEquals(List.of(older, newer), ids(db.read(c -> new ConversationDao(c).recent(10, false))));
    db.writeAndWait("test", c -> new ConversationDao(c).setPinned(newer, true));
    db.writeAndWait("test", c -> new ConversationDao(c).setArchived(older, true));
    assertEquals(List.of(newer), ids(db.read(c -> new ConversationDao(c).recent(10, false))));
    assertEquals(List.of(newer, older), ids(db.read(c -> new ConversationDao(c).recent(10, true))));
  }

  @Test
  void settingsHoldJsonAndRefuseAnythingElse() {
    db.writeAndWait("test", c -> {
      new SettingsDao(c).put("theme", "\"dark\"", clock.instant());
      new SettingsDao(c).put("theme", "\"light\"", clock.instant());
      return null;
    });
    assertEquals("\"light\"", db.read(c -> new SettingsDao(c).get("theme")).orElseThrow());
    assertThrows(CompletionException.class,
        () -> db.write("test", c -> {
          new SettingsDao(c).put("broken", "{not json", clock.instant());
          return null;
        }).join());
  }

  @Test
  void writesAfterCloseFailWithAClearMessage() {
    db.close();
    CompletionException e = assertThrows(CompletionException.class, () -> db.write("test", c -> 1).join());
    assertEquals("The database is closed.", e.getCause().getMessage());
    assertEquals("The database is closed.", assertThrows(StorageException.class, () -> db.read(c -> 1)).getMessage());
    assertEquals("The database is closed.", assertThrows(StorageException.class, db::backupNow).getMessage());
  }

  private static List<String> contents(List<Message> messages) {
    return messages.stream().map(Message::content).toList();
  }

  private static List<UUID> ids(List<Conversation> conversations) {
    return conversations.stream().map(Conversation::id).toList();
  }

  private static String pragma(java.sql.Connection c, String name) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}

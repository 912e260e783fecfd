package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.model.CloudAuditEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudAuditDaoTest {
  @TempDir Path dir;

  @Test
  void theAuditKeepsWhatWasSentEvenAfterItsConversationIsDeleted() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conv = Fixtures.conversation(db, "t", "My name is [NAME]; is this rash serious?", "a");
      UUID question = db.read(c -> new MessageDao(c).thread(conv, 1)).get(0).id();
      CloudAuditEntry sent = new CloudAuditEntry(0, clock.instant(), conv, question, "openai",
          "https://api.openai.com/v1/chat/completions", "gpt-4o-mini", "My name is [NAME]; is this rash serious?",
          1, "ok", 213, Map.of("PERSON", 1));
      long first = db.writeAndWait("test", c -> new CloudAuditDao(c).insert(sent));
      clock.advance(Duration.ofMinutes(1));
      long second = db.writeAndWait("test", c -> new CloudAuditDao(c).insert(
          new CloudAuditEntry(0, clock.instant(), null, null, "anthropic", "https://api.anthropic.com/v1/messages",
              null, "What is 2+2?", 0, "error: HTTP 529 overloaded")));
      db.writeAndWait("test", c -> new ConversationDao(c).delete(conv));

      List<CloudAuditEntry> entries = db.read(c -> new CloudAuditDao(c).recent(10));
      assertEquals(List.of(second, first), entries.stream().map(CloudAuditEntry::id).toList());
      CloudAuditEntry kept = entries.get(1);
      assertNull(kept.conversationId());
      assertNull(kept.messageId());
      assertEquals("My name is [NAME]; is this rash serious?", kept.sentText());
      assertEquals("https://api.openai.com/v1/chat/completions", kept.endpoint());
      assertEquals(1, kept.redactions());
      assertEquals(213, kept.bytesSent());
      assertEquals(Map.of("PERSON", 1), kept.entityCounts());
      assertEquals(Map.of(), entries.get(0).entityCounts());
      assertEquals(clock.instant().minus(Duration.ofMinutes(1)), kept.sentAt());
      assertEquals(2L, (long) db.read(c -> new CloudAuditDao(c).count()));
    }
  }

  @Test
  void aRowLeftSendingByACrashIsMarkedInterruptedAtTheNextStart() {
    TestClock clock = new TestClock();
    long id;
    long done;
    try (Database db = Fixtures.open(dir, clock)) {
      id = db.writeAndWait("test", c -> new CloudAuditDao(c).insert(new CloudAuditEntry(0, clock.instant(), null,
          null, "api.example", "https://api.example/v1/chat/completions", "m", "body", 0, CloudAuditDao.SENDING, 120,
          Map.of())));
      done = db.writeAndWait("test", c -> new CloudAuditDao(c).insert(new CloudAuditEntry(0, clock.instant(), null,
          null, "api.example", "https://api.example/v1/chat/completions", "m", "body 2", 0, CloudAuditDao.SENDING, 130,
          Map.of())));
      boolean finished = db.writeAndWait("test", c -> new CloudAuditDao(c).finish(done, "ok", 130));
      assertTrue(finished);
    } // closed with the first request still "sending": as after a power cut
    try (Database db = Fixtures.open(dir, clock)) {
      Map<Long, String> outcomes = new java.util.HashMap<>();
      db.read(c -> new CloudAuditDao(c).recent(10)).forEach(e -> outcomes.put(e.id(), e.outcome()));
      assertEquals(Map.of(id, CloudAuditDao.INTERRUPTED, done, "ok"), outcomes);
    }
  }
}

package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageLink;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageDaoTest {
  @TempDir Path dir;

  @Test
  void theThreadIsThePathToTheNewestMessageFirstToLastCutToTheLastN() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conversation = UUID.randomUUID();
      List<Message> written = new ArrayList<>();
      db.writeAndWait("test", c -> {
        MessageDao dao = new MessageDao(c);
        new ConversationDao(c).insert(new Conversation(conversation, "t", clock.instant(), clock.instant(), false,
            false));
        Message q1 = Message.written(conversation, null, Role.USER, "first question", clock.instant());
        Message a1 = Message.written(conversation, q1.id(), Role.ASSISTANT, "first answer",
            clock.instant());
        MessageMetrics metrics = new MessageMetrics(31, 17, 812.5, 11.2, 9.4, 4.7, "pmic", 3.1, -0.52, -4.8, 0);
        Message regenerated = new Message(UUID.randomUUID(), conversation, q1.id(), Role.ASSISTANT,
            "regenerated answer", MessageStatus.COMPLETE, null, clock.instant(), clock.instant(), "qwen", "cpu",
            metrics);
        Message q2 = Message.written(conversation, regenerated.id(), Role.USER, "second question",
            clock.instant());
        Message a2 = Message.written(conversation, q2.id(), Role.ASSISTANT, "second answer",
            clock.instant());
        for (Message m : List.of(q1, a1, regenerated, q2, a2)) {
          dao.insert(m);
          written.add(m);
        }
        return null;
      });
      Message q1 = written.get(0);
      Message a1 = written.get(1);
      Message regenerated = written.get(2);

      List<Message> thread = db.read(c -> new MessageDao(c).thread(conversation, 200));
      assertEquals(List.of(q1, regenerated, written.get(3), written.get(4)), thread);
      assertEquals(new MessageMetrics(31, 17, 812.5, 11.2, 9.4, 4.7, "pmic", 3.1, -0.52, -4.8, 0), thread.get(1).metrics());
      assertEquals(List.of(written.get(3), written.get(4)), db.read(c -> new MessageDao(c).thread(conversation, 2)));
      assertEquals(List.of(q1, a1), db.read(c -> new MessageDao(c).pathTo(a1.id(), 200)));
      assertEquals(List.of(a1), db.read(c -> new MessageDao(c).pathTo(a1.id(), 1)));
      assertEquals(List.of(), db.read(c -> new MessageDao(c).pathTo(UUID.randomUUID(), 200)));
      assertEquals(List.of(), db.read(c -> new MessageDao(c).thread(UUID.randomUUID(), 200)));

      assertEquals(List.of(new MessageLink(q1.id(), null), new MessageLink(a1.id(), q1.id()),
          new MessageLink(regenerated.id(), q1.id()), new MessageLink(written.get(3).id(), regenerated.id()),
          new MessageLink(written.get(4).id(), written.get(3).id())),
          db.read(c -> new MessageDao(c).links(conversation)));
      assertEquals(List.of(), db.read(c -> new MessageDao(c).links(UUID.randomUUID())));
    }
  }

  @Test
  void aLongThreadIsWalkedToItsLimit() {
    TestClock clock = new TestClock();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conversation = UUID.randomUUID();
      db.writeAndWait("test", c -> {
        new ConversationDao(c).insert(new Conversation(conversation, "t", clock.instant(), clock.instant(), false,
            false));
        UUID parent = null;
        for (int i = 0; i < 500; i++) {
          Message m = Message.written(conversation, parent, i % 2 == 0 ? Role.USER : Role.ASSISTANT,
              "message " + i, clock.instant());
          new MessageDao(c).insert(m);
          parent = m.id();
        }
        return null;
      });
      List<Message> thread = db.read(c -> new MessageDao(c).thread(conversation, 200));
      assertEquals(200, thread.size());
      assertEquals("message 300", thread.get(0).content());
      assertEquals("message 499", thread.get(199).content());
    }
  }

  /**
   * With the statistics {@code PRAGMA optimize} left on the benchmark's 100,000-message file (index rows
   * only, no row for the table itself), SQLite 3.54 planned the old join back from the walked path to
   * messages as a scan of every message. The walk must stay lookups by id whatever the statistics say.
   */
  @Test
  void theThreadIsLookedUpByIdNeverByScanningMessages() {
    try (Database db = Fixtures.open(dir, new TestClock())) {
      List<String> plan = db.writeAndWait("test", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE");
          s.execute("DELETE FROM sqlite_stat1");
          s.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES"
              + " ('messages', 'sqlite_autoindex_messages_1', '100000 1'),"
              + " ('messages', 'messages_by_conversation', '100000 69 1'),"
              + " ('messages', 'messages_by_parent', '100000 3'),"
              + " ('messages', 'messages_streaming', '0 0')");
          s.execute("ANALYZE sqlite_schema");
        }
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + MessageDao.PATH_TO)) {
          ps.setString(1, UUID.randomUUID().toString());
          ps.setInt(2, 200);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              lines.add(rs.getString("detail"));
            }
          }
        }
        return lines;
      });
      assertTrue(plan.stream().anyMatch(l -> l.contains("USING INDEX sqlite_autoindex_messages_1 (id=?)")),
          plan.toString());
      assertFalse(plan.stream().anyMatch(l -> l.startsWith("SCAN m") || l.startsWith("SCAN messages")),
          plan.toString());
    }
  }
}

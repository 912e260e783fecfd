package dev.pith.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.SearchHit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
  private static final UUID SOURDOUGH = UUID.fromString("11111111-1111-4111-8111-111111111111");
  private static final UUID CREME = UUID.fromString("22222222-2222-4222-8222-222222222222");

  @TempDir Path dir;

  @Test
  void newDatabaseGetsTheLatestSchema() throws Exception {
    try (Database db = Fixtures.open(dir, new TestClock())) {
      assertEquals(0, db.openReport().migratedFrom());
      assertEquals(Migrator.latest(), db.openReport().schemaVersion());
      assertEquals(Migrator.latest(), (int) db.read(Migrator::userVersion));
      assertEquals(Migrator.APPLICATION_ID, (int) db.read(Migrator::applicationId));
    }
  }

  @Test
  void upgradeFromTheFirstSchemaKeepsEverythingAndIndexesOldText() throws Exception {
    Fixtures.copyV1(dir.resolve(Database.FILE_NAME));
    try (Database db = Fixtures.open(dir, new TestClock())) {
      assertEquals(1, db.openReport().migratedFrom());
      assertEquals(Migrator.latest(), db.read(Migrator::userVersion));
      assertEquals(List.of(), db.integrityCheck());

      assertEquals(2L, (long) db.read(c -> new ConversationDao(c).count()));
      assertEquals(7L, (long) db.read(c -> new MessageDao(c).count()));
      Conversation creme = db.read(c -> new ConversationDao(c).find(CREME)).orElseThrow();
      assertEquals("Crème brûlée für Anfänger", creme.title());
      assertTrue(creme.archived());
      assertEquals("\"dark\"", db.read(c -> new SettingsDao(c).get("theme")).orElseThrow());

      // The answer schema 1 left streaming is interrupted, its text kept.
      assertEquals(1, db.openReport().interruptedAnswers());
      List<Message> thread = db.read(c -> new MessageDao(c).thread(SOURDOUGH, 200));
      assertEquals(4, thread.size());
      Message last = thread.get(3);
      assertEquals(MessageStatus.INTERRUPTED, last.status());
      assertEquals("It will smell of acetone, but a few feedings usually revive", last.content());
      // The regenerated answer is a sibling of the first; the thread follows the newest branch.
      assertEquals("Feed it every 12 hours with equal weights of flour and water.", thread.get(1).content());
      assertEquals(2, db.read(c -> new MessageDao(c).children(SOURDOUGH, thread.get(0).id())).size());
      assertEquals(31, thread.get(1).metrics().promptTokens());
      assertEquals("hailo", thread.get(1).backend());
      assertNull(thread.get(1).metrics().idleWatts(), "schema 4's idle draw was not measured then");

      // Text written under schema 1 is searchable after the upgrade, diacritics folded.
      List<SearchHit> hits = db.read(c -> new SearchDao(c).search("karamellisiert", 10, "[", "]"));
      assertEquals(1, hits.size());
      assertEquals(CREME, hits.get(0).conversationId());
      assertEquals(1, db.read(c -> new SearchDao(c).search("bruLEE", 10, "[", "]")).size());
    }
  }

  @Test
  void aDatabaseFromANewerPithIsRefusedAndLeftAlone() throws Exception {
    Path file = Fixtures.copyV1(dir.resolve(Database.FILE_NAME));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    StorageException e = assertThrows(StorageException.class, () -> Fixtures.open(dir, new TestClock()));
    assertEquals("The database was written by a newer Pith (schema 99; this Pith knows up to "
        + Migrator.latest() + "); update Pith to open it.", e.getMessage());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertEquals(99, Migrator.userVersion(c));
    }
  }

  @Test
  void anotherProgramsDatabaseIsRefusedAndLeftAlone() throws Exception {
    Path file = dir.resolve(Database.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
    }
    StorageException e = assertThrows(StorageException.class, () -> Fixtures.open(dir, new TestClock()));
    assertTrue(e.getMessage().endsWith("is an SQLite database of another program, not Pith's; move it away."),
        e.getMessage());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertEquals(0, Migrator.userVersion(c));
    }
  }
}

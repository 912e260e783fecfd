package dev.pith.app.cli;

import dev.pith.storage.Database;
import dev.pith.storage.SqlWork;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A data folder's real database, as tests fill it, read it and damage it. */
final class StoredData {
  private StoredData() {}

  /** Opens the database of {@code dataDir}; closing it takes no backup. */
  static Database open(Path dataDir) {
    return Database.open(dataDir.resolve(Database.FILE_NAME), dataDir.resolve(Database.BACKUP_DIR),
        Database.Options.defaults().withBackupOnClose(false));
  }

  static <T> T read(Path dataDir, SqlWork<T> work) {
    try (Database db = open(dataDir)) {
      return db.read(work);
    }
  }

  /** The conversations, most recently used first. */
  static List<Conversation> conversations(Path dataDir) {
    return read(dataDir, c -> new ConversationDao(c).recent(100, true));
  }

  /** The thread shown for a conversation, first message first. */
  static List<Message> thread(Path dataDir, Conversation conversation) {
    return read(dataDir, c -> new MessageDao(c).thread(conversation.id(), 100));
  }

  /** Stores a conversation whose messages alternate user, assistant, user, ...; returns it. */
  static Conversation conversation(Database db, String title, List<String> texts) {
    Instant now = db.clock().instant();
    Conversation conversation = new Conversation(UUID.randomUUID(), title, now, now, false, false);
    return db.writeAndWait("test data", c -> {
      new ConversationDao(c).insert(conversation);
      UUID parent = null;
      for (int i = 0; i < texts.size(); i++) {
        Role role = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
        Message m = Message.written(conversation.id(), parent, role, texts.get(i), now);
        new MessageDao(c).insert(m);
        parent = m.id();
      }
      return conversation;
    });
  }

  /** Stores {@code count} conversations of {@code messages} messages of about a kilobyte (many pages in all). */
  static void fill(Database db, int count, int messages) {
    for (int i = 0; i < count; i++) {
      List<String> texts = new ArrayList<>();
      for (int m = 0; m < messages; m++) {
        texts.add("message " + m + " " + "lorem ipsum ".repeat(90));
      }
      conversation(db, "conversation " + i, texts);
    }
  }

  /**
   * Overwrites every page of the closed database file after the first with random bytes: the header and the
   * schema page stay, so SQLite opens the file and finds the damage only when it reads on.
   */
  static void damage(Path dataDir) throws IOException {
    Path file = dataDir.resolve(Database.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    int pageSize = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    pageSize = pageSize == 1 ? 65_536 : pageSize;
    if (bytes.length < 3 * pageSize) {
      throw new IllegalStateException("too small to damage: " + bytes.length + " bytes");
    }
    byte[] garbage = new byte[bytes.length - pageSize];
    new Random(7).nextBytes(garbage);
    System.arraycopy(garbage, 0, bytes, pageSize, garbage.length);
    Files.write(file, bytes);
  }

  /** Writes an SQLite database of another program (one table of its own) at {@code <dataDir>/pith.db}. */
  static void foreignDatabase(Path dataDir) throws IOException, SQLException {
    Files.createDirectories(dataDir);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
    }
  }
}

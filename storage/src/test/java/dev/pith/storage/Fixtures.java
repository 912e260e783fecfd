package dev.pith.storage;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;

/** Databases for tests: real files in a temp folder. */
public final class Fixtures {
  private Fixtures() {}

  /** Copies the committed schema-1 database to {@code target}. */
  public static Path copyV1(Path target) throws IOException {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/pith-v1.db")) {
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  public static Database open(Path dir, TestClock clock) {
    return Database.open(dir.resolve(Database.FILE_NAME), dir.resolve(Database.BACKUP_DIR),
        Database.Options.defaults().withClock(clock));
  }

  /** A conversation with a question and a complete answer; returns the conversation id. */
  public static UUID conversation(Database db, String title, String question, String answer) {
    Instant now = db.clock().instant();
    Conversation c = new Conversation(UUID.randomUUID(), title, now, now, false, false);
    return db.writeAndWait("test", tx -> {
      new ConversationDao(tx).insert(c);
      Message q = Message.written(c.id(), null, Role.USER, question, now);
      new MessageDao(tx).insert(q);
      new MessageDao(tx).insert(Message.written(c.id(), q.id(), Role.ASSISTANT, answer, now));
      return c.id();
    });
  }
}

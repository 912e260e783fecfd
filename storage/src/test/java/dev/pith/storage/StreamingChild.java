package dev.pith.storage;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The child process of {@link CrashTest}: stores a finished conversation, then streams an answer into a
 * second one forever ("t1 t2 t3 ..." every 5 ms) until it is killed. Prints {@code STREAMING <id>} once the
 * answer has started.
 */
public final class StreamingChild {
  private StreamingChild() {}

  public static void main(String[] args) throws Exception {
    Database db = Database.open(Path.of(args[0]));
    Fixtures.conversation(db, "Survivor", "Is this kept?", "Every word of it.");
    Instant now = Instant.now();
    Conversation c = new Conversation(java.util.UUID.randomUUID(), "Killed mid-answer", now, now, false, false);
    Message question = Message.written(c.id(), null, Role.USER, "Count for me, please.", now);
    db.writeAndWait("test", tx -> {
      new ConversationDao(tx).insert(c);
      new MessageDao(tx).insert(question);
      return null;
    });
    StreamingAnswer answer = StreamingAnswer.start(db, c.id(), question.id(), "tiny", "cpu");
    System.out.println("STREAMING " + answer.id());
    System.out.flush();
    for (int i = 1; ; i++) {
      answer.append("t" + i + " ");
      Thread.sleep(5);
    }
  }
}

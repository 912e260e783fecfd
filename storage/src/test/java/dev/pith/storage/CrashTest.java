package dev.pith.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL mid-answer loses at most the last quarter second of that answer. */
class CrashTest {
  @TempDir Path dir;

  @Test
  void killedMidAnswerKeepsThePartialAnswerMarkedInterruptedAndEverythingElse() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), StreamingChild.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    UUID answerId;
    String seenBeforeKill;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("STREAMING "), "child said: " + line);
      answerId = UUID.fromString(line.substring("STREAMING ".length()));
      seenBeforeKill = waitForText(dir.resolve(Database.FILE_NAME), answerId, 300);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no last flush
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    try (Database db = Database.open(dir)) {
      assertEquals(List.of(), db.integrityCheck());
      assertEquals(1, db.openReport().interruptedAnswers());
      Message partial = db.read(c -> new MessageDao(c).find(answerId)).orElseThrow();
      assertEquals(MessageStatus.INTERRUPTED, partial.status());
      assertTrue(partial.content().startsWith("t1 t2 t3 "), partial.content());
      assertTrue(partial.content().length() >= seenBeforeKill.length(), "nothing already stored was lost");
      assertTrue(partial.content().startsWith(seenBeforeKill));
      assertTrue(partial.content().matches("(t\\d+ )+"), "whole tokens only: " + partial.content());

      List<Conversation> conversations = db.read(c -> new ConversationDao(c).recent(10, true));
      assertEquals(List.of("Killed mid-answer", "Survivor"), conversations.stream().map(Conversation::title).toList());
      List<Message> survivor = db.read(c -> new MessageDao(c).thread(conversations.get(1).id(), 10));
      assertEquals(List.of("Is this kept?", "Every word of it."), survivor.stream().map(Message::content).toList());
      List<Message> killed = db.read(c -> new MessageDao(c).thread(conversations.get(0).id(), 10));
      assertEquals(List.of("Count for me, please.", partial.content()), killed.stream().map(Message::content).toList());
      assertEquals(1, db.read(c -> new SearchDao(c).search("t3", 10, "[", "]")).size(), "the index kept step");
    }
  }

  /** Polls the file from outside the child until the answer holds at least {@code chars} characters. */
  private static String waitForText(Path file, UUID answerId, int chars) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("SELECT content FROM messages WHERE id = ?")) {
      ps.setString(1, answerId.toString());
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getString(1).length() >= chars) {
            return rs.getString(1);
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the answer never reached " + chars + " characters");
  }
}

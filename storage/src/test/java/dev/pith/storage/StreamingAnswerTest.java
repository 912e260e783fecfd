package dev.pith.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingAnswerTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  @Test
  void theGrowingTextIsWrittenAtMostEveryQuarterSecond() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conv = Fixtures.conversation(db, "t", "Count to a hundred", "ok");
      Message question = db.read(c -> new MessageDao(c).thread(conv, 1)).get(0);
      long writesBefore = db.writesSinceOpen();
      long start = System.nanoTime();
      StreamingAnswer answer = StreamingAnswer.start(db, conv, question.id(), "tiny", "cpu");
      String seenMidStream = "";
      for (int i = 1; i <= 100; i++) {
        answer.append(i + " ");
        Thread.sleep(10);
        if (i == 80) {
          seenMidStream = db.read(c -> new MessageDao(c).find(answer.id())).orElseThrow().content();
        }
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      long streamingWrites = db.writesSinceOpen() - writesBefore - 1; // minus the insert
      // ~100 tokens over >= 1 s: one write per 250 ms (plus one for a partial period), never one per token.
      assertTrue(streamingWrites >= 2 && streamingWrites <= elapsedMs / StreamingAnswer.FLUSH_MILLIS + 2,
          streamingWrites + " writes in " + elapsedMs + " ms");
      // What a crash at token 80 would keep: everything but at most the last ~250 ms of text.
      assertTrue(seenMidStream.startsWith("1 2 3 ") && seenMidStream.length() > "1 2 3 ".length() * 4,
          seenMidStream);
      assertTrue(answer.text().startsWith(seenMidStream));

      Message done = answer.finish(MessageStatus.COMPLETE, null,
          new MessageMetrics(12, 100, 45.0, 11.5, 3.5, 4.1, "rapl")).join();
      assertEquals(answer.text(), done.content());
      assertEquals(MessageStatus.COMPLETE, done.status());
      assertEquals(100, done.metrics().generatedTokens());
      assertEquals("rapl", done.metrics().powerSource());
      assertEquals(done, db.read(c -> new MessageDao(c).thread(conv, 10)).get(2));
      assertEquals(1, db.read(c -> new SearchDao(c).search("99", 10, "[", "]")).size());
      assertFalse(answer.failure().isPresent());
    }
  }

  @Test
  void anAnswerLeftStreamingIsInterruptedAtTheNextStartWithItsText() {
    UUID conv;
    UUID answerId;
    try (Database db = Fixtures.open(dir, clock)) {
      conv = Fixtures.conversation(db, "t", "q", "a");
      StreamingAnswer answer = StreamingAnswer.start(db, conv, null, "tiny", "cpu");
      answer.append("half an ans");
      answerId = answer.id();
    } // closed without finish: the queued write still lands, the row stays streaming
    try (Database db = Fixtures.open(dir, clock)) {
      assertEquals(1, db.openReport().interruptedAnswers());
      Message m = db.read(c -> new MessageDao(c).find(answerId)).orElseThrow();
      assertEquals(MessageStatus.INTERRUPTED, m.status());
      assertEquals("half an ans", m.content());
      assertEquals(0L, (long) db.read(c -> new MessageDao(c).countWithStatus(MessageStatus.STREAMING)));
    }
    try (Database db = Fixtures.open(dir, clock)) {
      assertEquals(0, db.openReport().interruptedAnswers());
    }
  }

  @Test
  void anotherPithStartingMidAnswerDoesNotEndIt() throws Exception {
    try (Database window = Fixtures.open(dir, clock)) {
      UUID conv = Fixtures.conversation(window, "t", "q", "a");
      StreamingAnswer answer = StreamingAnswer.start(window, conv, null, "tiny", "cpu");
      answer.append("first half, ");
      Thread.sleep(StreamingAnswer.FLUSH_MILLIS + 100);
      // `pith chat` starts meanwhile: it cannot tell this live answer from one a crash left behind.
      try (Database chat = Fixtures.open(dir, clock)) {
        assertEquals(1, chat.openReport().interruptedAnswers());
        answer.append("second half");
        Thread.sleep(StreamingAnswer.FLUSH_MILLIS + 100);
        Message seen = chat.read(c -> new MessageDao(c).find(answer.id())).orElseThrow();
        assertEquals(MessageStatus.STREAMING, seen.status(), "the next save says it is alive");
        assertEquals("first half, second half", seen.content());
        answer.finish(MessageStatus.COMPLETE, null, MessageMetrics.NONE).join();
        assertEquals(MessageStatus.COMPLETE, chat.read(c -> new MessageDao(c).find(answer.id())).orElseThrow().status());
      }
    }
  }

  @Test
  void aFullDiskLosesNothingAndTheAnswerIsSavedOnceThereIsRoom() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conv = Fixtures.conversation(db, "t", "q", "a");
      // The writer connection may not grow the file any more: SQLite answers SQLITE_FULL, as on a full disk.
      long pages = db.writeAndWait("test", c -> {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
          rs.next();
          long count = rs.getLong(1);
          s.execute("PRAGMA max_page_count = " + count);
          return count;
        }
      });
      StreamingAnswer answer = StreamingAnswer.start(db, conv, null, "tiny", "cpu");
      String big = "word ".repeat(40_000);
      answer.append(big);
      db.writeAndWait("test", c -> null); // the insert was queued first; wait for the flush scheduled after it
      Thread.sleep(StreamingAnswer.FLUSH_MILLIS + 50);
      db.writeAndWait("test", c -> null);
      assertTrue(answer.failure().isPresent(), "the full disk is reported");
      assertEquals("Could not finish saving the answer: the disk is full (free some space and try again)",
          answer.failure().get().getMessage());
      assertEquals(big, answer.text());

      db.writeAndWait("test", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA max_page_count = " + (pages * 1000));
        }
        return null;
      });
      Message saved = answer.finish(MessageStatus.COMPLETE, null, MessageMetrics.NONE).join();
      assertEquals(big, saved.content());
      assertEquals(List.of(), db.integrityCheck());
    }
  }
}

package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.MeasuredAnswer;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerStatsDaoTest {
  @TempDir Path dir;

  private static final MessageMetrics MEASURED = new MessageMetrics(40, 120, 850.0, 10.5, 60.0, 7.0, "Pi 5 PMIC",
      3.2);
  private static final MessageMetrics NO_ENERGY = new MessageMetrics(12, 30, 400.0, 6.4, null, null, null, null);

  @Test
  void readsFinishedAndStoppedAnswersWithTheirMetricsOldestFirst() {
    TestClock clock = new TestClock();
    Instant now = clock.instant();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conversation = UUID.randomUUID();
      db.writeAndWait("seed", c -> {
        new ConversationDao(c).insert(new Conversation(conversation, "t", now, now, false, false));
        MessageDao dao = new MessageDao(c);
        Message q = Message.written(conversation, null, Role.USER, "question", now.minus(Duration.ofDays(3)));
        dao.insert(q);
        dao.insert(answer(conversation, q, MessageStatus.COMPLETE, now.minus(Duration.ofDays(2)), "cpu", MEASURED));
        dao.insert(answer(conversation, q, MessageStatus.CANCELLED, now.minus(Duration.ofDays(1)), "hailo",
            NO_ENERGY));
        dao.insert(answer(conversation, q, MessageStatus.ERROR, now.minus(Duration.ofHours(5)), "cpu", MEASURED));
        dao.insert(answer(conversation, q, MessageStatus.INTERRUPTED, now.minus(Duration.ofHours(4)), "cpu",
            MEASURED));
        dao.insert(answer(conversation, q, MessageStatus.COMPLETE, now.minus(Duration.ofDays(40)), "cpu",
            MEASURED));
        dao.insert(answer(conversation, q, MessageStatus.COMPLETE, now.minus(Duration.ofHours(1)), "cpu",
            MessageMetrics.NONE));
        return null;
      });

      List<MeasuredAnswer> read = db.read(c -> new AnswerStatsDao(c).since(now.minus(Duration.ofDays(30)), 100));

      assertEquals(List.of(
          new MeasuredAnswer(now.minus(Duration.ofDays(2)), MessageStatus.COMPLETE, "qwen", "cpu", MEASURED),
          new MeasuredAnswer(now.minus(Duration.ofDays(1)), MessageStatus.CANCELLED, "qwen", "hailo", NO_ENERGY),
          new MeasuredAnswer(now.minus(Duration.ofHours(1)), MessageStatus.COMPLETE, "qwen", "cpu",
              MessageMetrics.NONE)),
          read, "no question, no failed or interrupted answer, nothing older than the start; nulls stay null");
    }
  }

  @Test
  void theLimitKeepsTheNewestAnswers() {
    TestClock clock = new TestClock();
    Instant now = clock.instant();
    try (Database db = Fixtures.open(dir, clock)) {
      UUID conversation = UUID.randomUUID();
      db.writeAndWait("seed", c -> {
        new ConversationDao(c).insert(new Conversation(conversation, "t", now, now, false, false));
        MessageDao dao = new MessageDao(c);
        Message q = Message.written(conversation, null, Role.USER, "question", now);
        dao.insert(q);
        for (int i = 0; i < 5; i++) {
          dao.insert(answer(conversation, q, MessageStatus.COMPLETE, now.minus(Duration.ofMinutes(i)), "cpu",
              MEASURED));
        }
        return null;
      });

      List<MeasuredAnswer> read = db.read(c -> new AnswerStatsDao(c).since(Instant.EPOCH, 2));

      assertEquals(List.of(now.minus(Duration.ofMinutes(1)), now), read.stream().map(MeasuredAnswer::created).toList());
      assertThrows(IllegalArgumentException.class,
          () -> db.read(c -> new AnswerStatsDao(c).since(Instant.EPOCH, AnswerStatsDao.MAX_ANSWERS + 2)));
    }
  }

  private static Message answer(UUID conversation, Message question, MessageStatus status, Instant at,
      String backend, MessageMetrics metrics) {
    return new Message(UUID.randomUUID(), conversation, question.id(), Role.ASSISTANT, "an answer", status,
        status == MessageStatus.ERROR ? "it failed" : null, at, at, "qwen", backend, metrics);
  }
}

package dev.pith.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's rules: idempotent by id, new messages of a known conversation added. */
class JsonImportMergeTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  @Test
  void importingTheSameFileTwiceAddsNothingTheSecondTime() throws Exception {
    Path file;
    try (Database source = Samples.fixture(dir.resolve("source"), clock)) {
      Samples.addAwkwardConversation(source);
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    try (Database target = Fixtures.open(dir.resolve("target"), clock)) {
      Fixtures.conversation(target, "Already here", "Hello?", "Hi.");
      assertEquals(new ImportResult(3, 0, 14, 0), new JsonImport(target).read(file));
      String once = Samples.exportText(target);

      assertEquals(new ImportResult(0, 3, 0, 14), new JsonImport(target).read(file));
      assertEquals(once, Samples.exportText(target));
    }
  }

  @Test
  void aLaterExportOfTheSameConversationAddsOnlyItsNewMessages() throws Exception {
    Path earlier;
    Path later;
    Conversation before;
    try (Database laptop = Samples.fixture(dir.resolve("laptop"), clock)) {
      Samples.addAwkwardConversation(laptop);
      earlier = Samples.exportTo(laptop, dir.resolve("earlier.json"));
      before = laptop.read(c -> new ConversationDao(c).find(Samples.AWKWARD)).orElseThrow();
      // The conversation goes on on the laptop: a new question and its answer, then a new export.
      clock.advance(Duration.ofHours(2));
      Instant now = clock.instant();
      Message question = Message.written(Samples.AWKWARD, Samples.id(6), Role.USER, "And then?", now);
      Message answer = new Message(Samples.id(9), Samples.AWKWARD, question.id(), Role.ASSISTANT, "Then this.",
          MessageStatus.COMPLETE, null, now, now.plusMillis(1), "qwen2.5-1.5b-instruct", "cpu",
          new MessageMetrics(10, 3, 50.0, 12.0, null, null, null));
      laptop.writeAndWait("test", c -> {
        new MessageDao(c).insert(question);
        new MessageDao(c).insert(answer);
        new ConversationDao(c).updateTitle(Samples.AWKWARD, "Renamed on the laptop", now);
        return null;
      });
      later = Samples.exportTo(laptop, dir.resolve("later.json"));
    }
    try (Database pi = Fixtures.open(dir.resolve("pi"), clock)) {
      assertEquals(new ImportResult(3, 0, 14, 0), new JsonImport(pi).read(earlier));

      assertEquals(new ImportResult(0, 3, 2, 14), new JsonImport(pi).read(later));
      List<Message> thread = pi.read(c -> new MessageDao(c).thread(Samples.AWKWARD, 100));
      assertEquals("Then this.", thread.get(thread.size() - 1).content());
      assertEquals("And then?", thread.get(thread.size() - 2).content());
      assertEquals(9, pi.read(c -> new MessageDao(c).inConversation(Samples.AWKWARD)).size());
      // The conversation itself is kept as it was here (its title), only marked used when the new messages were.
      Conversation after = pi.read(c -> new ConversationDao(c).find(Samples.AWKWARD)).orElseThrow();
      assertEquals(before.title(), after.title());
      assertEquals(clock.instant().plusMillis(1), after.updated());
    }
  }

  @Test
  void aConversationAlreadyHereKeepsItsOwnFields() throws Exception {
    Path file;
    try (Database source = Samples.fixture(dir.resolve("source"), clock)) {
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    try (Database target = Samples.fixture(dir.resolve("target"), clock)) {
      target.writeAndWait("test", c -> new ConversationDao(c).setPinned(Samples.SOURDOUGH, false));
      String before = Samples.exportText(target);
      assertEquals(new ImportResult(0, 2, 0, 7), new JsonImport(target).read(file));
      assertEquals(before, Samples.exportText(target));
    }
  }

  @Test
  void aMissingFileIsOneClearLine() throws Exception {
    try (Database db = Fixtures.open(dir.resolve("db"), clock)) {
      Path missing = dir.resolve("nowhere.json");
      ImportException e = assertThrows(ImportException.class, () -> new JsonImport(db).read(missing));
      assertEquals("cannot read " + missing + ": no such file", e.getMessage());
      e = assertThrows(ImportException.class, () -> new JsonImport(db).read(dir));
      assertEquals("cannot read " + dir + ": not a file", e.getMessage());
    }
  }
}

package dev.pith.storage.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.StorageException;
import dev.pith.storage.TestClock;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.CloudAuditEntry;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRoundTripTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  @Test
  void exportImportExportIsByteIdenticalAndKeepsEveryField() throws Exception {
    Path file;
    String first;
    List<Object> rows;
    try (Database source = Samples.fixture(dir.resolve("source"), clock)) {
      Samples.addAwkwardConversation(source);
      file = Samples.exportTo(source, dir.resolve("export.json"));
      first = Files.readString(file);
      rows = Samples.rows(source);
    }
    TestClock later = new TestClock(clock.instant().plus(Duration.ofDays(3)));
    try (Database target = Fixtures.open(dir.resolve("target"), later)) {
      assertEquals(new ImportResult(3, 0, 14, 0), new JsonImport(target).read(file));
      String second = Samples.exportText(target);
      assertNotEquals(first, second, "exported_at differs");
      assertEquals(Samples.withoutExportedAt(first), Samples.withoutExportedAt(second));
      assertEquals(rows, Samples.rows(target));
    }
  }

  @Test
  void theFileIsReadableJsonInTheDocumentedShape() throws Exception {
    String text;
    try (Database db = Samples.fixture(dir, clock)) {
      Samples.addAwkwardConversation(db);
      text = Samples.exportText(db);
    }
    assertTrue(text.startsWith("{\n  \"format\": \"pith-conversations\",\n  \"version\": 1,\n"
        + "  \"exported_at\": \"2026-11-21T09:00:00.000Z\",\n  \"app\": \"pith test\",\n"), text);
    assertTrue(text.contains("Ünïcødé 🎉"), "non-ASCII text and emoji as UTF-8, not escaped");
    assertTrue(text.endsWith("}\n"));
    JsonNode root = new ObjectMapper().readTree(text);
    JsonNode sourdough = root.get("conversations").get(0);
    assertEquals(Samples.SOURDOUGH.toString(), sourdough.get("id").asText());
    assertEquals("2026-01-01T00:00:00.000Z", sourdough.get("created").asText());
    assertTrue(sourdough.get("pinned").asBoolean());
    JsonNode question = sourdough.get("messages").get(0);
    assertTrue(question.get("parent_id").isNull());
    assertTrue(question.get("metrics").isNull(), "nothing measured: metrics is null");
    JsonNode answer = sourdough.get("messages").get(1);
    assertEquals(question.get("id"), answer.get("parent_id"));
    assertEquals(31, answer.get("metrics").get("prompt_tokens").asInt());
    assertEquals(812.5, answer.get("metrics").get("ttft_ms").asDouble());
    assertEquals("pmic", answer.get("metrics").get("power_source").asText());
  }

  @Test
  void settingsAndTheCloudAuditStayBehind() throws Exception {
    Path file;
    try (Database source = Samples.fixture(dir.resolve("source"), clock)) {
      source.writeAndWait("test", c -> new CloudAuditDao(c).insert(new CloudAuditEntry(0, clock.instant(),
          Samples.SOURDOUGH, null, "openai", "https://api.example/v1", "gpt", "sent", 0, "ok")));
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    assertFalse(Files.readString(file).contains("theme"));
    try (Database target = Fixtures.open(dir.resolve("target"), clock)) {
      new JsonImport(target).read(file);
      assertEquals(0L, (long) target.read(c -> new CloudAuditDao(c).count()));
      assertTrue(target.read(c -> new SettingsDao(c).all()).isEmpty());
    }
  }

  @Test
  void anAnswerExportedWhileStreamingArrivesInterrupted() throws Exception {
    Path file;
    try (Database source = Fixtures.open(dir.resolve("source"), clock)) {
      Samples.addAwkwardConversation(source);
      Message streaming = Samples.answer(8, Samples.id(5), "Still typ", MessageStatus.STREAMING, null,
          "qwen2.5-1.5b-instruct", "cpu", MessageMetrics.NONE);
      source.writeAndWait("test", c -> {
        new MessageDao(c).insert(streaming);
        return null;
      });
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    assertTrue(Files.readString(file).contains("\"status\": \"streaming\""));
    try (Database target = Fixtures.open(dir.resolve("target"), clock)) {
      new JsonImport(target).read(file);
      Message arrived = target.read(c -> new MessageDao(c).find(Samples.id(8))).orElseThrow();
      assertEquals(MessageStatus.INTERRUPTED, arrived.status());
      assertEquals("Still typ", arrived.content());
    }
  }

  @Test
  void aTenMegabyteMessageRoundTrips() throws Exception {
    StringBuilder big = new StringBuilder();
    while (big.length() < 10 * 1024 * 1024) {
      big.append("Line ").append(big.length()).append(": ünïcode 🎉 \"quoted\" \\ text\n");
    }
    String text = big.toString();
    UUID conversation;
    Path file;
    try (Database source = Fixtures.open(dir.resolve("source"), clock)) {
      conversation = Fixtures.conversation(source, "Big paste", text, "That is long.");
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    assertTrue(Files.size(file) > 10_000_000);
    try (Database target = Fixtures.open(dir.resolve("target"), clock)) {
      assertEquals(new ImportResult(1, 0, 2, 0), new JsonImport(target).read(file));
      List<Message> thread = target.read(c -> new MessageDao(c).thread(conversation, 10));
      assertEquals(text, thread.get(0).content());
    }
  }

  @Test
  void sqlLookingTextIsStoredVerbatimAndFoundBySearch() throws Exception {
    String[] texts = {Samples.SQL_TEXT, "Robert'); DELETE FROM conversations; --",
        "\" OR 1=1 -- and message_search MATCH 'x*'", "%_% LIKE escape \\ ; PRAGMA writable_schema=1"};
    Path file;
    try (Database source = Fixtures.open(dir.resolve("source"), clock)) {
      for (String text : texts) {
        Fixtures.conversation(source, text, text, "ok");
      }
      file = Samples.exportTo(source, dir.resolve("export.json"));
    }
    try (Database target = Fixtures.open(dir.resolve("target"), clock)) {
      assertEquals(new ImportResult(4, 0, 8, 0), new JsonImport(target).read(file));
      assertEquals(List.of(), target.integrityCheck());
      for (String text : texts) {
        List<SearchHit> hits = target.read(c -> new SearchDao(c).search(text, 10, "[", "]"));
        assertEquals(1, hits.size(), text);
        assertEquals(text, hits.get(0).conversationTitle());
        Message found = target.read(c -> new MessageDao(c).find(hits.get(0).messageId())).orElseThrow();
        assertEquals(text, found.content());
        assertEquals(Role.USER, found.role());
      }
    }
  }

  @Test
  void oneConversationCanBeExportedAlone() throws Exception {
    try (Database db = Samples.fixture(dir, clock)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(new ExportResult(1, 2), new JsonExport(db, "test").writeConversation(Samples.CREME, out));
      JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
      assertEquals(1, root.get("conversations").size());
      assertEquals("Crème brûlée für Anfänger", root.get("conversations").get(0).get("title").asText());

      UUID missing = UUID.fromString("99999999-9999-4999-8999-999999999999");
      StorageException e = assertThrows(StorageException.class,
          () -> new JsonExport(db, "test").writeConversation(missing, new ByteArrayOutputStream()));
      assertEquals("There is no conversation 99999999-9999-4999-8999-999999999999.", e.getMessage());
      assertEquals(2L, (long) db.read(c -> new ConversationDao(c).count()));
    }
  }
}

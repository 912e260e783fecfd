package dev.pith.storage.transfer;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Databases and exports for the transfer tests: real SQLite files, real JSON files. */
final class Samples {
  static final UUID SOURDOUGH = UUID.fromString("11111111-1111-4111-8111-111111111111");
  static final UUID CREME = UUID.fromString("22222222-2222-4222-8222-222222222222");
  static final UUID AWKWARD = UUID.fromString("33333333-3333-4333-8333-333333333333");
  static final String SQL_TEXT = "'); DROP TABLE messages; --";
  static final Instant T = Instant.parse("2026-03-04T05:06:07.089Z");

  private Samples() {}

  /** The committed schema-1 database, copied into {@code dir} and opened (which migrates it). */
  static Database fixture(Path dir, TestClock clock) throws IOException {
    Fixtures.copyV1(dir.resolve(Database.FILE_NAME));
    return Fixtures.open(dir, clock);
  }

  /**
   * Adds a conversation whose rows use every field: every finished status, full, partial and no metrics, a
   * regenerated answer and an edited branch, and text with emoji, other scripts, line breaks, quotes and SQL.
   */
  static void addAwkwardConversation(Database db) {
    Conversation c = new Conversation(AWKWARD, "Ünïcødé 🎉 \"quotes\" & <tags>\nsecond line", T, T, true, false);
    Message system = message(1, null, Role.SYSTEM, "You are terse.\nAnswer in one line.", MessageStatus.COMPLETE);
    Message question = message(2, system.id(), Role.USER,
        SQL_TEXT + "\nSELECT * FROM conversations WHERE title LIKE '%'; \"quoted\" \\ backslash",
        MessageStatus.COMPLETE);
    Message answer = answer(3, question.id(), "Here is **Markdown**:\n\n```sql\nSELECT 1;\n```\n",
        MessageStatus.COMPLETE, null, "qwen2.5-1.5b-instruct", "cpu",
        new MessageMetrics(120, 64, 812.345, 11.25, 0.30000000000000004, 4.7e-3, "rapl", 2.5e-3,
            -0.41, -6.25, 2));
    Message failed = answer(4, question.id(), "", MessageStatus.ERROR, "ONNX Runtime failed:\n  \"bad tensor\"",
        "qwen2.5-1.5b-instruct", "cpu", new MessageMetrics(120, null, 900.0, null, null, null, null));
    Message followUp = message(5, answer.id(), Role.USER,
        "Emoji 👍🏽 中文 Ελληνικά عربى, tab\tand CRLF\r\nend \u2028 separator", MessageStatus.COMPLETE);
    Message cancelled = answer(6, followUp.id(), "Partial answer, stopped", MessageStatus.CANCELLED, null,
        "qwen2.5-instruct:1.5b", "hailo", new MessageMetrics(30, 5, 100.0, 9.0, null, null, "estimate"));
    Message interrupted = answer(7, followUp.id(), "Cut off mid-sen", MessageStatus.INTERRUPTED, null,
        "deepseek-r1-distill-qwen-1.5b", "cpu", new MessageMetrics(30, 3, 95.5, 8.5, 1.25, 4.0, "pmic"));
    db.writeAndWait("test", tx -> {
      new ConversationDao(tx).insert(c);
      MessageDao messages = new MessageDao(tx);
      for (Message m : List.of(system, question, answer, failed, followUp, cancelled, interrupted)) {
        messages.insert(m);
      }
      return null;
    });
  }

  /** A message of the awkward conversation with the fixed id {@link #id}(n), written n seconds after T. */
  static Message message(int n, UUID parent, Role role, String content, MessageStatus status) {
    return row(n, parent, role, content, status, null, null, null, MessageMetrics.NONE);
  }

  static Message answer(int n, UUID parent, String content, MessageStatus status, String error, String model,
      String backend, MessageMetrics metrics) {
    return row(n, parent, Role.ASSISTANT, content, status, error, model, backend, metrics);
  }

  private static Message row(int n, UUID parent, Role role, String content, MessageStatus status, String error,
      String model, String backend, MessageMetrics metrics) {
    Instant created = T.plusSeconds(n).plusMillis(n);
    return new Message(id(n), AWKWARD, parent, role, content, status, error, created, created.plusMillis(250 + n),
        model, backend, metrics);
  }

  /** The id of the awkward conversation's message {@code n}. */
  static UUID id(int n) {
    return UUID.fromString(String.format("aaaaaaaa-3333-4333-8333-%012d", n));
  }

  static byte[] export(Database db) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonExport(db, "test").writeAll(out);
    return out.toByteArray();
  }

  static String exportText(Database db) {
    return new String(export(db), StandardCharsets.UTF_8);
  }

  static Path exportTo(Database db, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      new JsonExport(db, "test").writeAll(out);
    }
    return file;
  }

  /** An export without its {@code exported_at} line, the one line that differs between two exports. */
  static String withoutExportedAt(String export) {
    return export.replaceFirst("\n  \"exported_at\": \"[^\"]*\",", "");
  }

  /** Every conversation and then every message, as records, in export order. */
  static List<Object> rows(Database db) {
    return db.read(c -> {
      List<Object> rows = new ArrayList<>();
      for (Conversation conversation : new ConversationDao(c).all()) {
        rows.add(conversation);
        rows.addAll(new MessageDao(c).inConversation(conversation.id()));
      }
      return rows;
    });
  }
}

package dev.pith.storage.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.pith.storage.Database;
import dev.pith.storage.SqlWork;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes conversations in Pith's lossless JSON format (README.md, "Export and import"): every field of every
 * conversation and message, messages in the order they were written, so parents come before their replies.
 * Settings and the cloud audit are not exported.
 *
 * <p>The export streams: one message at a time is read and written, so ten thousand conversations need little
 * more memory than one. It reads one snapshot of the database, whatever Pith writes meanwhile. The stream is
 * flushed, not closed. Not for the JavaFX thread.
 */
public final class JsonExport {
  private final Database db;
  private final String app;

  /** @param appVersion the Pith version to name in the file ({@code "unknown"} when not known) */
  public JsonExport(Database db, String appVersion) {
    this.db = Objects.requireNonNull(db, "db");
    this.app = "pith " + Objects.requireNonNull(appVersion, "appVersion");
  }

  /** Writes every conversation, oldest first, as UTF-8. */
  public ExportResult writeAll(OutputStream out) {
    Objects.requireNonNull(out, "out");
    return write(() -> TransferFormat.JSON.createGenerator(out, JsonEncoding.UTF8), ALL);
  }

  /** Writes every conversation, oldest first, as characters (e.g. to a terminal's writer). */
  public ExportResult writeAll(Writer out) {
    Objects.requireNonNull(out, "out");
    return write(() -> TransferFormat.JSON.createGenerator(out), ALL);
  }

  /** Writes one conversation; a {@link dev.pith.storage.StorageException} when there is none with that id. */
  public ExportResult writeConversation(UUID id, OutputStream out) {
    Objects.requireNonNull(out, "out");
    return write(() -> TransferFormat.JSON.createGenerator(out, JsonEncoding.UTF8), one(id));
  }

  /** {@link #writeConversation(UUID, OutputStream)} as characters. */
  public ExportResult writeConversation(UUID id, Writer out) {
    Objects.requireNonNull(out, "out");
    return write(() -> TransferFormat.JSON.createGenerator(out), one(id));
  }

  private static final SqlWork<List<Conversation>> ALL = c -> new ConversationDao(c).all();

  private static SqlWork<List<Conversation>> one(UUID id) {
    Objects.requireNonNull(id, "id");
    return c -> List.of(ExportTransaction.existing(c, id));
  }

  /** Where the generator writes: a byte stream or a character stream. */
  @FunctionalInterface
  private interface GeneratorTarget {
    JsonGenerator open() throws IOException;
  }

  private ExportResult write(GeneratorTarget target, SqlWork<List<Conversation>> which) {
    return ExportTransaction.run(db, c -> {
      try (JsonGenerator g = target.open()) {
        g.setPrettyPrinter(prettyPrinter());
        return writeDocument(g, c, which.run(c));
      }
    });
  }

  private ExportResult writeDocument(JsonGenerator g, Connection c, List<Conversation> conversations)
      throws SQLException, IOException {
    g.writeStartObject();
    g.writeStringField(Fields.FORMAT, TransferFormat.FORMAT_NAME);
    g.writeNumberField(Fields.VERSION, TransferFormat.VERSION);
    g.writeStringField(Fields.EXPORTED_AT, TransferFormat.time(Instant.now(db.clock())));
    g.writeStringField(Fields.APP, app);
    g.writeArrayFieldStart(Fields.CONVERSATIONS);
    MessageDao messages = new MessageDao(c);
    int[] messageCount = {0};
    for (Conversation conversation : conversations) {
      writeConversationStart(g, conversation);
      messages.forEachInConversation(conversation.id(), m -> {
        writeMessage(g, m);
        messageCount[0]++;
      });
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
    return new ExportResult(conversations.size(), messageCount[0]);
  }

  /** The conversation's fields and the opening of its {@code messages} array. */
  private static void writeConversationStart(JsonGenerator g, Conversation c) throws IOException {
    g.writeStartObject();
    g.writeStringField(Fields.ID, c.id().toString());
    g.writeStringField(Fields.TITLE, c.title());
    g.writeStringField(Fields.CREATED, TransferFormat.time(c.created()));
    g.writeStringField(Fields.UPDATED, TransferFormat.time(c.updated()));
    g.writeBooleanField(Fields.PINNED, c.pinned());
    g.writeBooleanField(Fields.ARCHIVED, c.archived());
    g.writeArrayFieldStart(Fields.MESSAGES);
  }

  private static void writeMessage(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    g.writeStringField(Fields.ID, m.id().toString());
    g.writeStringField(Fields.PARENT_ID, m.parentId() == null ? null : m.parentId().toString());
    g.writeStringField(Fields.ROLE, m.role().wireName());
    g.writeStringField(Fields.CONTENT, m.content());
    g.writeStringField(Fields.STATUS, m.status().wireName());
    g.writeStringField(Fields.ERROR, m.error());
    g.writeStringField(Fields.CREATED, TransferFormat.time(m.created()));
    g.writeStringField(Fields.UPDATED, TransferFormat.time(m.updated()));
    g.writeStringField(Fields.MODEL_ID, m.modelId());
    g.writeStringField(Fields.BACKEND, m.backend());
    writeMetrics(g, m.metrics());
    g.writeEndObject();
  }

  /** {@code null} for a message with nothing measured (every question), else all eleven fields. */
  private static void writeMetrics(JsonGenerator g, MessageMetrics x) throws IOException {
    if (x.equals(MessageMetrics.NONE)) {
      g.writeNullField(Fields.METRICS);
      return;
    }
    g.writeObjectFieldStart(Fields.METRICS);
    writeNumber(g, Fields.PROMPT_TOKENS, x.promptTokens());
    writeNumber(g, Fields.GENERATED_TOKENS, x.generatedTokens());
    writeNumber(g, Fields.TTFT_MS, x.ttftMillis());
    writeNumber(g, Fields.DECODE_TPS, x.decodeTps());
    writeNumber(g, Fields.ENERGY_J, x.energyJoules());
    writeNumber(g, Fields.AVG_WATTS, x.averageWatts());
    g.writeStringField(Fields.POWER_SOURCE, x.powerSource());
    writeNumber(g, Fields.IDLE_WATTS, x.idleWatts());
    writeNumber(g, Fields.MEAN_LOGPROB, x.meanLogprob());
    writeNumber(g, Fields.MIN_LOGPROB, x.minLogprob());
    writeNumber(g, Fields.DROPPED_MESSAGES, x.droppedMessages());
    g.writeEndObject();
  }

  /** An integer, a decimal or null. */
  private static void writeNumber(JsonGenerator g, String field, Number value) throws IOException {
    g.writeFieldName(field);
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else {
      g.writeNumber(value.doubleValue());
    }
  }

  /** Two-space indents, {@code "field": value}, the same line ends on every OS. */
  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}

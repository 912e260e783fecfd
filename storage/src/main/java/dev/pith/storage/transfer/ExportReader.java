package dev.pith.storage.transfer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads an export file token by token and hands each conversation, then each of its messages, to a
 * {@link Target} as soon as it is read: memory holds one message, never the file.
 *
 * <p>Reading in one pass puts an order on fields that JSON itself does not have: {@code format} and
 * {@code version} come before {@code conversations}, and a conversation's own fields before its
 * {@code messages} (the export writes them so). Fields Pith does not know are skipped unread.
 */
final class ExportReader {
  /** Where what is read goes, in file order. */
  interface Target {
    /** A conversation, before its messages; {@code where} is its path in the file. */
    void conversation(Conversation c, String where) throws SQLException;

    void message(Message m, String where) throws SQLException;

    /** After the conversation's last message. */
    void endConversation() throws SQLException;
  }

  /** Reads one element of a list. */
  @FunctionalInterface
  private interface ElementReader {
    void read() throws IOException, SQLException;
  }

  private final JsonParser p;
  private final JsonValues values;
  private final Target target;
  private final long length;
  private boolean started;

  /** @param length the file's size in bytes, to tell a cut-off number from a malformed one; -1 when unknown */
  ExportReader(JsonParser p, Target target, long length) {
    this.p = p;
    this.length = length;
    this.values = new JsonValues(p);
    this.target = target;
  }

  /** Reads the whole file into the target; a file that is not a valid export is an {@link ImportException}. */
  void read() throws SQLException {
    try {
      readDocument();
    } catch (JsonEOFException e) {
      throw new ImportException("the file ends early (truncated JSON at " + at(e.getLocation()) + ")");
    } catch (StreamConstraintsException e) {
      throw values.problem("beyond the limits of Pith's import: " + e.getOriginalMessage());
    } catch (StreamReadException e) {
      if (started && (String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")
          || length >= 0 && e.getLocation() != null && e.getLocation().getByteOffset() >= length - 1)) {
        // Jackson reports some truncations (after a comma, between entries, in a number cut after its decimal
        // point, where the error is placed on the last byte) as a parse error, not an EOF.
        throw new ImportException("the file ends early (truncated JSON at " + at(e.getLocation()) + ")");
      }
      throw started
          ? new ImportException("invalid JSON at " + at(e.getLocation()) + ": " + e.getOriginalMessage())
          : new ImportException("not a Pith export: the file is not JSON");
    } catch (IOException e) {
      throw new ImportException("cannot read the file: " + e.getMessage());
    }
  }

  private void readDocument() throws IOException, SQLException {
    JsonToken first = p.nextToken();
    started = true;
    if (first == null) {
      throw new ImportException("not a Pith export: the file is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new ImportException("not a Pith export: expected a JSON object, found " + JsonValues.describe(first));
    }
    boolean format = false;
    boolean version = false;
    boolean conversations = false;
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case Fields.FORMAT -> format = checkFormat();
        case Fields.VERSION -> version = checkVersion();
        case Fields.CONVERSATIONS -> {
          requireHeader(format, version, " (it must come before \"conversations\")");
          forEachObject("a list of conversations", "a conversation", this::readConversation);
          conversations = true;
        }
        default -> p.skipChildren();
      }
    }
    requireHeader(format, version, "");
    if (!conversations) {
      throw new ImportException("missing \"conversations\"");
    }
    if (p.nextToken() != null) {
      throw new ImportException("unexpected content after the export at " + at(p.currentLocation()));
    }
  }

  private boolean checkFormat() throws IOException {
    String name = values.text();
    if (!name.equals(TransferFormat.FORMAT_NAME)) {
      throw new ImportException("not a Pith export: \"format\" is '" + name + "' (expected '"
          + TransferFormat.FORMAT_NAME + "')");
    }
    return true;
  }

  private boolean checkVersion() throws IOException {
    int version = values.wholeNumber();
    if (version > TransferFormat.VERSION) {
      throw new ImportException("export version " + version + " is newer than this Pith understands ("
          + TransferFormat.VERSION + ")");
    }
    if (version < 1) {
      throw values.problem("expected a version from 1 up, found " + version);
    }
    return true;
  }

  private static void requireHeader(boolean format, boolean version, String hint) {
    if (!format) {
      throw new ImportException("not a Pith export: missing \"format\"" + hint);
    }
    if (!version) {
      throw new ImportException("missing \"version\"" + hint);
    }
  }

  /** The parser stands on what should be a list of objects; {@code element} reads each. */
  private void forEachObject(String list, String item, ElementReader element) throws IOException, SQLException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw values.problem("expected " + list + ", found " + JsonValues.describe(p.currentToken()));
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw values.problem("expected " + item + " (an object), found " + JsonValues.describe(p.currentToken()));
      }
      element.read();
    }
  }

  private void readConversation() throws IOException, SQLException {
    String where = values.where();
    UUID id = null;
    String title = null;
    Instant created = null;
    Instant updated = null;
    Boolean pinned = null;
    Boolean archived = null;
    Conversation conversation = null;
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case Fields.ID -> id = values.uuid();
        case Fields.TITLE -> title = values.text();
        case Fields.CREATED -> created = values.time();
        case Fields.UPDATED -> updated = values.time();
        case Fields.PINNED -> pinned = values.bool();
        case Fields.ARCHIVED -> archived = values.bool();
        case Fields.MESSAGES -> {
          String hint = " (it must come before \"messages\")";
          conversation = new Conversation(required(id, where, Fields.ID, hint),
              required(title, where, Fields.TITLE, hint), required(created, where, Fields.CREATED, hint),
              required(updated, where, Fields.UPDATED, hint), required(pinned, where, Fields.PINNED, hint),
              required(archived, where, Fields.ARCHIVED, hint));
          target.conversation(conversation, where);
          UUID conversationId = conversation.id();
          forEachObject("a list of messages", "a message", () -> readMessage(conversationId));
        }
        default -> p.skipChildren();
      }
    }
    required(conversation, where, Fields.MESSAGES);
    target.endConversation();
  }

  private void readMessage(UUID conversationId) throws IOException, SQLException {
    String where = values.where();
    UUID id = null;
    UUID parentId = null;
    Role role = null;
    String content = null;
    MessageStatus status = null;
    String error = null;
    Instant created = null;
    Instant updated = null;
    String modelId = null;
    String backend = null;
    MessageMetrics metrics = MessageMetrics.NONE;
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case Fields.ID -> id = values.uuid();
        case Fields.PARENT_ID -> parentId = values.uuidOrNull();
        case Fields.ROLE -> role = values.oneOf(Role::of);
        case Fields.CONTENT -> content = values.text();
        case Fields.STATUS -> status = values.oneOf(MessageStatus::of);
        case Fields.ERROR -> error = values.textOrNull();
        case Fields.CREATED -> created = values.time();
        case Fields.UPDATED -> updated = values.time();
        case Fields.MODEL_ID -> modelId = values.textOrNull();
        case Fields.BACKEND -> backend = values.textOrNull();
        case Fields.METRICS -> metrics = readMetrics();
        default -> p.skipChildren();
      }
    }
    target.message(new Message(required(id, where, Fields.ID), conversationId, parentId,
        required(role, where, Fields.ROLE), required(content, where, Fields.CONTENT),
        required(status, where, Fields.STATUS), error, required(created, where, Fields.CREATED),
        required(updated, where, Fields.UPDATED), modelId, backend, metrics), where);
  }

  private MessageMetrics readMetrics() throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return MessageMetrics.NONE;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw values.problem("expected an object or null, found " + JsonValues.describe(p.currentToken()));
    }
    Integer promptTokens = null;
    Integer generatedTokens = null;
    Double ttftMillis = null;
    Double decodeTps = null;
    Double energyJoules = null;
    Double averageWatts = null;
    String powerSource = null;
    Double idleWatts = null;
    Double meanLogprob = null;
    Double minLogprob = null;
    Integer droppedMessages = null;
    for (String field = nextField(); field != null; field = nextField()) {
      switch (field) {
        case Fields.PROMPT_TOKENS -> promptTokens = values.wholeNumberOrNull();
        case Fields.GENERATED_TOKENS -> generatedTokens = values.wholeNumberOrNull();
        case Fields.TTFT_MS -> ttftMillis = values.numberOrNull();
        case Fields.DECODE_TPS -> decodeTps = values.numberOrNull();
        case Fields.ENERGY_J -> energyJoules = values.numberOrNull();
        case Fields.AVG_WATTS -> averageWatts = values.numberOrNull();
        case Fields.POWER_SOURCE -> powerSource = values.textOrNull();
        case Fields.IDLE_WATTS -> idleWatts = values.numberOrNull();
        case Fields.MEAN_LOGPROB -> meanLogprob = values.numberOrNull();
        case Fields.MIN_LOGPROB -> minLogprob = values.numberOrNull();
        case Fields.DROPPED_MESSAGES -> droppedMessages = values.wholeNumberOrNull();
        default -> p.skipChildren();
      }
    }
    return new MessageMetrics(promptTokens, generatedTokens, ttftMillis, decodeTps, energyJoules, averageWatts,
        powerSource, idleWatts, meanLogprob, minLogprob, droppedMessages);
  }

  /** Moves to the next field's value and returns the field's name; null at the end of the object. */
  private String nextField() throws IOException {
    if (p.nextToken() != JsonToken.FIELD_NAME) {
      return null;
    }
    String field = p.currentName();
    p.nextToken();
    return field;
  }

  private static <T> T required(T value, String where, String field) {
    return required(value, where, field, "");
  }

  private static <T> T required(T value, String where, String field, String hint) {
    if (value == null) {
      throw new ImportException(where, "missing \"" + field + "\"" + hint);
    }
    return value;
  }

  private static String at(JsonLocation location) {
    return location == null ? "an unknown place"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}

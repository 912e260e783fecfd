package dev.pith.storage.transfer;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Adds what a file holds to the database, inside the import's one transaction, by these rules:
 *
 * <ul>
 *   <li>Idempotent by id: a conversation or message whose id is already in the database is left as it is
 *       (skipped); what is absent is added. So importing a file twice adds nothing the second time, and a
 *       later export of a conversation adds only its new messages (the conversation's {@code updated} then
 *       moves forward to the file's when that is later).
 *   <li>A message's parent is a message of the same conversation that comes earlier in the file or is
 *       already in the database in that conversation.
 *   <li>An id twice in the file, or a message id that the database has in another conversation, is an error.
 *   <li>A message that arrives {@code streaming} is stored {@code interrupted}: nothing is writing it here.
 * </ul>
 *
 * <p>The message ids seen in the file are kept in a temporary table, not on the heap: a million-message
 * file would otherwise hold a million UUIDs in memory.
 */
final class ImportMerge implements ExportReader.Target, AutoCloseable {
  private final Connection connection;
  private final ConversationDao conversations;
  private final MessageDao messages;
  private final PreparedStatement markSeen;
  private final PreparedStatement findSeen;
  private final Set<UUID> conversationIds = new HashSet<>();
  private Conversation current;
  private boolean currentIsNew;
  private int addedToCurrent;
  private int conversationsAdded;
  private int conversationsSkipped;
  private int messagesAdded;
  private int messagesSkipped;

  ImportMerge(Connection connection) throws SQLException {
    this.connection = connection;
    this.conversations = new ConversationDao(connection);
    this.messages = new MessageDao(connection);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL)"
          + " WITHOUT ROWID");
      s.execute("DELETE FROM temp.import_seen");
    }
    this.markSeen = connection.prepareStatement("INSERT OR IGNORE INTO temp.import_seen VALUES (?, ?)");
    this.findSeen = connection.prepareStatement("SELECT conversation_id FROM temp.import_seen WHERE id = ?");
  }

  @Override
  public void conversation(Conversation c, String where) throws SQLException {
    if (!conversationIds.add(c.id())) {
      throw new ImportException(where + "." + Fields.ID, "conversation " + c.id() + " appears twice in the file");
    }
    current = c;
    addedToCurrent = 0;
    currentIsNew = conversations.insertIfAbsent(c);
    if (currentIsNew) {
      conversationsAdded++;
    } else {
      conversationsSkipped++;
    }
  }

  @Override
  public void message(Message m, String where) throws SQLException {
    checkParent(m, where);
    if (!markSeen(m)) {
      throw new ImportException(where + "." + Fields.ID, "message " + m.id() + " appears twice in the file");
    }
    if (messages.insertIfAbsent(arriving(m))) {
      messagesAdded++;
      addedToCurrent++;
      return;
    }
    // Not inserted: the id is taken (every other constraint was checked while reading).
    UUID owner = messages.conversationOf(m.id())
        .orElseThrow(() -> new ImportException(where, "the database refused message " + m.id()));
    if (!owner.equals(m.conversationId())) {
      throw new ImportException(where + "." + Fields.ID, "message " + m.id()
          + " is already in another conversation of this database (" + owner + ")");
    }
    messagesSkipped++;
  }

  @Override
  public void endConversation() throws SQLException {
    if (!currentIsNew && addedToCurrent > 0) {
      conversations.touch(current.id(), current.updated());
    }
  }

  ImportResult result() {
    return new ImportResult(conversationsAdded, conversationsSkipped, messagesAdded, messagesSkipped);
  }

  /** Closes the statements and empties the table; the transaction's rollback undoes it all on failure. */
  @Override
  public void close() throws SQLException {
    markSeen.close();
    findSeen.close();
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS temp.import_seen");
    }
  }

  private void checkParent(Message m, String where) throws SQLException {
    UUID parent = m.parentId();
    if (parent == null) {
      return;
    }
    Optional<UUID> owner = seenIn(parent);
    if (owner.isEmpty()) {
      owner = messages.conversationOf(parent);
    }
    if (owner.isEmpty()) {
      throw new ImportException(where + "." + Fields.PARENT_ID, parent
          + " is not an earlier message of this conversation (nor in the database)");
    }
    if (!owner.get().equals(m.conversationId())) {
      throw new ImportException(where + "." + Fields.PARENT_ID, parent + " is a message of another conversation ("
          + owner.get() + ")");
    }
  }

  /** Notes that the file holds {@code m}; false when it was seen before. */
  private boolean markSeen(Message m) throws SQLException {
    markSeen.setString(1, m.id().toString());
    markSeen.setString(2, m.conversationId().toString());
    return markSeen.executeUpdate() == 1;
  }

  /** The conversation of a message seen earlier in the file. */
  private Optional<UUID> seenIn(UUID messageId) throws SQLException {
    findSeen.setString(1, messageId.toString());
    try (ResultSet rs = findSeen.executeQuery()) {
      return rs.next() ? Optional.of(UUID.fromString(rs.getString(1))) : Optional.empty();
    }
  }

  /** What is stored for an arriving message: a {@code streaming} one as {@code interrupted}. */
  private static Message arriving(Message m) {
    if (m.status() != MessageStatus.STREAMING) {
      return m;
    }
    return new Message(m.id(), m.conversationId(), m.parentId(), m.role(), m.content(), MessageStatus.INTERRUPTED,
        m.error(), m.created(), m.updated(), m.modelId(), m.backend(), m.metrics());
  }
}

package dev.pith.storage.dao;

import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageLink;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages table. Messages form a tree per conversation; the thread on screen is the path from the
 * first message to a leaf, by default the conversation's newest message.
 */
public final class MessageDao {
  private static final String COLUMNS = "id, conversation_id, parent_id, role, content, status, error, created, "
      + "updated, model_id, backend, prompt_tokens, generated_tokens, ttft_ms, decode_tps, energy_j, avg_watts, "
      + "power_source, idle_watts, mean_logprob, min_logprob, dropped_messages";
  private static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  private final Connection connection;

  public MessageDao(Connection connection) {
    this.connection = connection;
  }

  /**
   * Inserts a message and marks its conversation used. The parent, when given, must be a message of the
   * same conversation.
   */
  public void insert(Message m) throws SQLException {
    checkParent(m);
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO messages (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")")) {
      bind(ps, m);
      ps.executeUpdate();
    }
    new ConversationDao(connection).touch(m.conversationId(), m.updated());
  }

  /** Inserts {@code m} unless a message with its id exists (import); true when it was inserted. */
  public boolean insertIfAbsent(Message m) throws SQLException {
    checkParent(m);
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT OR IGNORE INTO messages (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")")) {
      bind(ps, m);
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<Message> find(UUID id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE id = ?")) {
      Rows.set(ps, 1, id);
      return first(ps);
    }
  }

  /**
   * Replaces the text of a message that is still streaming; false when it has ended. An answer that another
   * Pith process marked {@code interrupted} when it started (it cannot tell a live answer from a dead one)
   * is streaming again.
   */
  public boolean updateStreamingContent(UUID id, String content, Instant now) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE messages SET content = ?, updated = ?,"
        + " status = 'streaming' WHERE id = ? AND status IN ('streaming', 'interrupted')")) {
      ps.setString(1, content);
      Rows.set(ps, 2, now);
      Rows.set(ps, 3, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Ends a message: its final text, status, error (or null) and metrics. */
  public boolean finish(UUID id, String content, MessageStatus status, String error, MessageMetrics metrics,
      Instant now) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE messages SET content = ?, status = ?, error = ?, "
        + "updated = ?, prompt_tokens = ?, generated_tokens = ?, ttft_ms = ?, decode_tps = ?, energy_j = ?, "
        + "avg_watts = ?, power_source = ?, idle_watts = ?, mean_logprob = ?, min_logprob = ?, "
        + "dropped_messages = ? WHERE id = ?")) {
      ps.setString(1, content);
      ps.setString(2, status.wireName());
      ps.setString(3, error);
      Rows.set(ps, 4, now);
      bindMetrics(ps, 5, metrics);
      Rows.set(ps, 16, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Marks every answer still {@code streaming} as {@code interrupted}, text kept; returns how many. */
  public int markStreamingInterrupted() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'")) {
      return ps.executeUpdate();
    }
  }

  /** The newest message of a conversation: the leaf of the thread shown by default. */
  public Optional<UUID> newestLeaf(UUID conversationId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1")) {
      Rows.set(ps, 1, conversationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.uuid(rs, "id")) : Optional.empty();
      }
    }
  }

  /** The newest message in the subtree of {@code messageId} (itself when it has no replies). */
  public UUID newestUnder(UUID messageId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("WITH RECURSIVE sub(id, seq) AS ("
        + " SELECT id, seq FROM messages WHERE id = ?"
        + " UNION ALL SELECT m.id, m.seq FROM messages m JOIN sub ON m.parent_id = sub.id)"
        + " SELECT id FROM sub ORDER BY seq DESC LIMIT 1")) {
      Rows.set(ps, 1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Rows.uuid(rs, "id") : messageId;
      }
    }
  }

  /**
   * The walk from a leaf up to the first message: one lookup by id per step, and each step carries the
   * whole row, so nothing joins back to messages afterwards. (A join back by seq was planned by SQLite
   * 3.54, once {@code PRAGMA optimize} had left statistics, as a scan of every message behind a Bloom
   * filter: 30 ms at 100,000 messages, growing with the file.) CROSS JOIN keeps the step's order fixed:
   * the row found so far first, then its parent by id.
   */
  static final String PATH_TO = "WITH RECURSIVE path(depth, " + COLUMNS + ") AS ("
      + " SELECT 0, " + COLUMNS + " FROM messages WHERE id = ?"
      + " UNION ALL SELECT path.depth + 1, " + prefixed("m") + " FROM path CROSS JOIN messages m"
      + " ON m.id = path.parent_id WHERE path.depth + 1 < ?)"
      + " SELECT " + COLUMNS + " FROM path ORDER BY depth DESC";

  /** The thread ending at {@code leafId}, first message first; at most the last {@code limit} messages. */
  public List<Message> pathTo(UUID leafId, int limit) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(PATH_TO)) {
      Rows.set(ps, 1, leafId);
      ps.setInt(2, limit);
      return list(ps);
    }
  }

  /** The thread shown when a conversation opens: the path to its newest message (last {@code limit}). */
  public List<Message> thread(UUID conversationId, int limit) throws SQLException {
    Optional<UUID> leaf = newestLeaf(conversationId);
    return leaf.isPresent() ? pathTo(leaf.get(), limit) : List.of();
  }

  /** The replies to {@code parentId} (or the first messages, for null) in a conversation, oldest first. */
  public List<Message> children(UUID conversationId, UUID parentId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM messages WHERE " + childrenOf(parentId) + " ORDER BY seq")) {
      bindChildrenOf(ps, conversationId, parentId);
      return list(ps);
    }
  }

  /** How many replies {@code parentId} (or how many first messages, for null) has in a conversation. */
  public int countChildren(UUID conversationId, UUID parentId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT count(*) FROM messages WHERE " + childrenOf(parentId))) {
      bindChildrenOf(ps, conversationId, parentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /**
   * Who replies to whom in a conversation, without the text: every message's id and parent id in the order
   * written. Enough to show "2 / 3" beside a message with other versions, for a whole thread at once.
   */
  public List<MessageLink> links(UUID conversationId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, parent_id FROM messages WHERE conversation_id = ? ORDER BY seq")) {
      Rows.set(ps, 1, conversationId);
      List<MessageLink> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new MessageLink(Rows.uuid(rs, "id"), Rows.uuid(rs, "parent_id")));
        }
      }
      return out;
    }
  }

  /** Every message of a conversation in the order written. */
  public List<Message> inConversation(UUID conversationId) throws SQLException {
    List<Message> out = new ArrayList<>();
    forEachInConversation(conversationId, out::add);
    return out;
  }

  /**
   * Hands every message of a conversation to {@code each} in the order written, one row at a time, so an
   * export never holds a whole conversation in memory.
   */
  public <E extends Exception> void forEachInConversation(UUID conversationId, RowConsumer<Message, E> each)
      throws SQLException, E {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? ORDER BY seq")) {
      Rows.set(ps, 1, conversationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          each.accept(map(rs));
        }
      }
    }
  }

  /** The conversation a message belongs to; empty when no message has that id. */
  public Optional<UUID> conversationOf(UUID messageId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT conversation_id FROM messages WHERE id = ?")) {
      Rows.set(ps, 1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Rows.uuid(rs, "conversation_id")) : Optional.empty();
      }
    }
  }

  public long count() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM messages");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public long countWithStatus(MessageStatus status) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM messages WHERE status = ?")) {
      ps.setString(1, status.wireName());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private void checkParent(Message m) throws SQLException {
    if (m.parentId() == null) {
      return;
    }
    Optional<UUID> parentConversation = conversationOf(m.parentId());
    if (parentConversation.isPresent() && !m.conversationId().equals(parentConversation.get())) {
      throw new IllegalArgumentException("message " + m.id() + " answers " + m.parentId()
          + ", which belongs to another conversation");
    }
  }

  private static String childrenOf(UUID parentId) {
    return "conversation_id = ? AND parent_id " + (parentId == null ? "IS NULL" : "= ?");
  }

  private static void bindChildrenOf(PreparedStatement ps, UUID conversationId, UUID parentId) throws SQLException {
    Rows.set(ps, 1, conversationId);
    if (parentId != null) {
      Rows.set(ps, 2, parentId);
    }
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  private static void bind(PreparedStatement ps, Message m) throws SQLException {
    Rows.set(ps, 1, m.id());
    Rows.set(ps, 2, m.conversationId());
    Rows.set(ps, 3, m.parentId());
    ps.setString(4, m.role().wireName());
    ps.setString(5, m.content());
    ps.setString(6, m.status().wireName());
    ps.setString(7, m.error());
    Rows.set(ps, 8, m.created());
    Rows.set(ps, 9, m.updated());
    ps.setString(10, m.modelId());
    ps.setString(11, m.backend());
    bindMetrics(ps, 12, m.metrics());
  }

  private static void bindMetrics(PreparedStatement ps, int from, MessageMetrics x) throws SQLException {
    Rows.set(ps, from, x.promptTokens());
    Rows.set(ps, from + 1, x.generatedTokens());
    Rows.set(ps, from + 2, x.ttftMillis());
    Rows.set(ps, from + 3, x.decodeTps());
    Rows.set(ps, from + 4, x.energyJoules());
    Rows.set(ps, from + 5, x.averageWatts());
    ps.setString(from + 6, x.powerSource());
    Rows.set(ps, from + 7, x.idleWatts());
    Rows.set(ps, from + 8, x.meanLogprob());
    Rows.set(ps, from + 9, x.minLogprob());
    Rows.set(ps, from + 10, x.droppedMessages());
  }

  private static Optional<Message> first(PreparedStatement ps) throws SQLException {
    List<Message> found = list(ps);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Message> list(PreparedStatement ps) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out.isEmpty() ? Collections.emptyList() : out;
  }

  /** The metrics columns of the current row. */
  static MessageMetrics metrics(ResultSet rs) throws SQLException {
    return new MessageMetrics(Rows.integer(rs, "prompt_tokens"),
        Rows.integer(rs, "generated_tokens"), Rows.real(rs, "ttft_ms"), Rows.real(rs, "decode_tps"),
        Rows.real(rs, "energy_j"), Rows.real(rs, "avg_watts"), rs.getString("power_source"),
        Rows.real(rs, "idle_watts"), Rows.real(rs, "mean_logprob"), Rows.real(rs, "min_logprob"),
        Rows.integer(rs, "dropped_messages"));
  }

  private static Message map(ResultSet rs) throws SQLException {
    MessageMetrics metrics = metrics(rs);
    return new Message(Rows.uuid(rs, "id"), Rows.uuid(rs, "conversation_id"), Rows.uuid(rs, "parent_id"),
        Role.of(rs.getString("role")), rs.getString("content"), MessageStatus.of(rs.getString("status")),
        rs.getString("error"), Rows.instant(rs, "created"), Rows.instant(rs, "updated"), rs.getString("model_id"),
        rs.getString("backend"), metrics);
  }
}

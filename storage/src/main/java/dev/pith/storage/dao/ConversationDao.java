package dev.pith.storage.dao;

import dev.pith.storage.model.Conversation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The conversations table. Use it inside {@code Database.read} or {@code Database.write}. */
public final class ConversationDao {
  private static final String COLUMNS = "id, title, created, updated, pinned, archived";

  private final Connection connection;

  public ConversationDao(Connection connection) {
    this.connection = connection;
  }

  public void insert(Conversation c) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO conversations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      bind(ps, c);
      ps.executeUpdate();
    }
  }

  /** Inserts {@code c} unless a conversation with its id exists; true when it was inserted. */
  public boolean insertIfAbsent(Conversation c) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT OR IGNORE INTO conversations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      bind(ps, c);
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<Conversation> find(UUID id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM conversations WHERE id = ?")) {
      Rows.set(ps, 1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** Conversations whose id starts with {@code prefix} (for ids typed by hand), at most {@code limit}. */
  public List<Conversation> findByIdPrefix(String prefix, int limit) throws SQLException {
    String escaped = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^0-9a-f-]", "");
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM conversations WHERE id >= ? AND id < ? ORDER BY id LIMIT ?")) {
      ps.setString(1, escaped);
      ps.setString(2, escaped + "\uffff");
      ps.setInt(3, limit);
      return list(ps);
    }
  }

  /** The sidebar: pinned first, then the most recently updated; archived ones only when asked. */
  public List<Conversation> recent(int limit, boolean includeArchived) throws SQLException {
    String where = includeArchived ? "" : " WHERE archived = 0";
    try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM conversations" + where
        + " ORDER BY archived, pinned DESC, updated DESC LIMIT ?")) {
      ps.setInt(1, limit);
      return list(ps);
    }
  }

  /** Every conversation, oldest first (for export). */
  public List<Conversation> all() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM conversations ORDER BY created, id")) {
      return list(ps);
    }
  }

  public long count() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM conversations");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public boolean updateTitle(UUID id, String title, Instant now) throws SQLException {
    return update("UPDATE conversations SET title = ?, updated = max(updated, ?) WHERE id = ?", title, now, id);
  }

  public boolean setPinned(UUID id, boolean pinned) throws SQLException {
    return update("UPDATE conversations SET pinned = ? WHERE id = ?", pinned, id);
  }

  public boolean setArchived(UUID id, boolean archived) throws SQLException {
    return update("UPDATE conversations SET archived = ? WHERE id = ?", archived, id);
  }

  /** Marks the conversation used at {@code now} (never moves its time backwards). */
  public boolean touch(UUID id, Instant now) throws SQLException {
    return update("UPDATE conversations SET updated = max(updated, ?) WHERE id = ?", now, id);
  }

  /** Deletes the conversation and, by cascade, its messages. */
  public boolean delete(UUID id) throws SQLException {
    return update("DELETE FROM conversations WHERE id = ?", id);
  }

  /**
   * Deletes every conversation and, by cascade, every message (the search index follows); the cloud audit
   * keeps its rows without their links. Returns how many conversations were deleted.
   */
  public int deleteAll() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM conversations")) {
      return ps.executeUpdate();
    }
  }

  /** Runs a statement on one conversation with {@code params} stored as the table stores them. */
  private boolean update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p instanceof UUID u) {
          Rows.set(ps, i + 1, u);
        } else if (p instanceof Instant t) {
          Rows.set(ps, i + 1, t);
        } else if (p instanceof Boolean b) {
          ps.setInt(i + 1, b ? 1 : 0);
        } else {
          ps.setObject(i + 1, p);
        }
      }
      return ps.executeUpdate() == 1;
    }
  }

  private static void bind(PreparedStatement ps, Conversation c) throws SQLException {
    Rows.set(ps, 1, c.id());
    ps.setString(2, c.title());
    Rows.set(ps, 3, c.created());
    Rows.set(ps, 4, c.updated());
    ps.setInt(5, c.pinned() ? 1 : 0);
    ps.setInt(6, c.archived() ? 1 : 0);
  }

  private static List<Conversation> list(PreparedStatement ps) throws SQLException {
    List<Conversation> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  private static Conversation map(ResultSet rs) throws SQLException {
    return new Conversation(Rows.uuid(rs, "id"), rs.getString("title"), Rows.instant(rs, "created"),
        Rows.instant(rs, "updated"), rs.getInt("pinned") != 0, rs.getInt("archived") != 0);
  }
}

package dev.pith.storage.dao;

import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Full-text search over every message of every conversation. */
public final class SearchDao {
  private final Connection connection;

  public SearchDao(Connection connection) {
    this.connection = connection;
  }

  /**
   * The best matches for what the user typed, best first. Matched words in the snippet are wrapped in
   * {@code open} and {@code close}. Text with nothing searchable in it finds nothing.
   */
  public List<SearchHit> search(String userText, int limit, String open, String close) throws SQLException {
    Optional<String> match = SearchQuery.toFts(userText);
    if (match.isEmpty()) {
      return List.of();
    }
    List<SearchHit> hits = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT m.id, m.conversation_id, m.role, m.created, c.title,"
            + " snippet(message_search, 0, ?, ?, '…', 16) AS snippet"
            + " FROM message_search"
            + " JOIN messages m ON m.seq = message_search.rowid"
            + " JOIN conversations c ON c.id = m.conversation_id"
            + " WHERE message_search MATCH ? ORDER BY rank LIMIT ?")) {
      ps.setString(1, open);
      ps.setString(2, close);
      ps.setString(3, match.get());
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hits.add(new SearchHit(Rows.uuid(rs, "conversation_id"), rs.getString("title"), Rows.uuid(rs, "id"),
              Role.of(rs.getString("role")), rs.getString("snippet"), Rows.instant(rs, "created")));
        }
      }
    }
    return hits;
  }
}

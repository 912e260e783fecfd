package dev.pith.storage.dao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.storage.model.CloudAuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cloud audit: one row per question that left the machine. A row is written before the request goes (outcome
 * {@link #SENDING}), so a crash mid-answer still leaves the record of what was sent; then {@link #finish} sets how it
 * ended. What was sent is never changed, and rows are never deleted.
 */
public final class CloudAuditDao {
  /** The outcome of a row whose request is under way. */
  public static final String SENDING = "sending";
  /** What a row left {@link #SENDING} by a crash or a power cut says at the next start. */
  public static final String INTERRUPTED = "interrupted: Pith stopped before the answer finished";
  private static final String COLUMNS =
      "sent_at, conversation_id, message_id, provider, endpoint, model, sent_text, redactions, outcome, bytes_sent, "
      + "entity_counts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

  private final Connection connection;

  public CloudAuditDao(Connection connection) {
    this.connection = connection;
  }

  /** Records {@code entry} (its id is ignored) and returns the new row id. */
  public long insert(CloudAuditEntry entry) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO cloud_audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      Rows.set(ps, 1, entry.sentAt());
      Rows.set(ps, 2, entry.conversationId());
      Rows.set(ps, 3, entry.messageId());
      ps.setString(4, entry.provider());
      ps.setString(5, entry.endpoint());
      ps.setString(6, entry.model());
      ps.setString(7, entry.sentText());
      ps.setInt(8, entry.redactions());
      ps.setString(9, entry.outcome());
      ps.setLong(10, entry.bytesSent());
      ps.setString(11, counts(entry.entityCounts()));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : 0;
      }
    }
  }

  /** Sets how the request of row {@code id} ended and how many bytes left; true when the row exists. */
  public boolean finish(long id, String outcome, long bytesSent) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE cloud_audit SET outcome = ?, bytes_sent = ? WHERE id = ?")) {
      ps.setString(1, outcome);
      ps.setLong(2, bytesSent);
      ps.setLong(3, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Marks every row still {@link #SENDING} as {@link #INTERRUPTED}; returns how many. */
  public int markSendingInterrupted() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE cloud_audit SET outcome = ? WHERE outcome = ?")) {
      ps.setString(1, INTERRUPTED);
      ps.setString(2, SENDING);
      return ps.executeUpdate();
    }
  }

  /** The newest entries first. */
  public List<CloudAuditEntry> recent(int limit) throws SQLException {
    List<CloudAuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, " + COLUMNS + " FROM cloud_audit ORDER BY sent_at DESC, id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new CloudAuditEntry(rs.getLong("id"), Rows.instant(rs, "sent_at"), Rows.uuid(rs, "conversation_id"),
              Rows.uuid(rs, "message_id"), rs.getString("provider"), rs.getString("endpoint"), rs.getString("model"),
              rs.getString("sent_text"), rs.getInt("redactions"), rs.getString("outcome"), rs.getLong("bytes_sent"),
              counts(rs.getString("entity_counts"))));
        }
      }
    }
    return out;
  }

  private static String counts(Map<String, Integer> counts) {
    try {
      return JSON.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("counts by kind are always JSON", e);
    }
  }

  private static Map<String, Integer> counts(String json) throws SQLException {
    try {
      return JSON.readValue(json, COUNTS);
    } catch (JsonProcessingException e) {
      throw new SQLException("a cloud audit row's entity_counts is not a JSON object of counts: " + json, e);
    }
  }

  public long count() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM cloud_audit");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}

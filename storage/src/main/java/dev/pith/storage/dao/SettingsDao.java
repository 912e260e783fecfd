package dev.pith.storage.dao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Settings: a key and its value as JSON text (the table refuses text that is not valid JSON). */
public final class SettingsDao {
  private final Connection connection;

  public SettingsDao(Connection connection) {
    this.connection = connection;
  }

  /** The JSON value of {@code key}, if set. */
  public Optional<String> get(String key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Sets {@code key} to the JSON text {@code json}. */
  public void put(String key, String json, Instant now) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO settings (key, value, updated) "
        + "VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated")) {
      ps.setString(1, key);
      ps.setString(2, json);
      ps.setLong(3, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  public boolean remove(String key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM settings WHERE key = ?")) {
      ps.setString(1, key);
      return ps.executeUpdate() == 1;
    }
  }

  /** Removes every key that starts with {@code prefix} (a family such as {@code "conversation."}); returns how many. */
  public int removeStartingWith(String prefix) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM settings WHERE substr(key, 1, ?) = ?")) {
      ps.setInt(1, prefix.length());
      ps.setString(2, prefix);
      return ps.executeUpdate();
    }
  }

  /** Every setting, by key. */
  public Map<String, String> all() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT key, value FROM settings ORDER BY key");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }
}

package dev.pith.storage.dao;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/** Column conversions shared by the DAOs: UUIDs as text, instants as epoch milliseconds, nullable numbers. */
final class Rows {
  private Rows() {}

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : UUID.fromString(text);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Double real(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  static void set(PreparedStatement ps, int index, UUID value) throws SQLException {
    ps.setString(index, value == null ? null : value.toString());
  }

  static void set(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setLong(index, value.toEpochMilli());
  }

  static void set(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  static void set(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null || !Double.isFinite(value)) {
      ps.setNull(index, Types.REAL);
    } else {
      ps.setDouble(index, value);
    }
  }
}

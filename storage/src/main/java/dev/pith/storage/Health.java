package dev.pith.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The start-up check of a database file: {@code PRAGMA quick_check} plus "is this ours, and not too new?". */
final class Health {
  private Health() {}

  /**
   * The file's problems, empty when it is healthy; null when the file does not exist or is empty. Without
   * {@code quickCheck} only the header and schema are read (is it Pith's, is it too new, is it a database).
   */
  static List<String> problems(Path file, boolean quickCheck) {
    if (isMissingOrEmpty(file)) {
      return null;
    }
    try (Connection c = Connections.plain(file)) {
      int applicationId = Migrator.applicationId(c);
      int version = Migrator.userVersion(c);
      if (applicationId != 0 && applicationId != Migrator.APPLICATION_ID) {
        throw new StorageException(file + " is an SQLite database of another program, not Pith's; move it away.");
      }
      if (applicationId == 0 && version == 0 && hasTables(c)) {
        throw new StorageException(file + " is an SQLite database of another program, not Pith's; move it away.");
      }
      if (version > Migrator.latest()) {
        throw new StorageException("The database was written by a newer Pith (schema " + version
            + "; this Pith knows up to " + Migrator.latest() + "); update Pith to open it.");
      }
      return quickCheck ? quickCheck(c) : List.of();
    } catch (SQLException e) {
      if (StorageException.isCorruption(e)) {
        return List.of(StorageException.oneLine(e.getMessage()));
      }
      throw StorageException.of("opening the database " + file, e);
    }
  }

  static boolean isMissingOrEmpty(Path file) {
    try {
      return !Files.exists(file) || Files.size(file) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code PRAGMA quick_check}: empty when it says "ok", else its first few findings. */
  static List<String> quickCheck(Connection c) throws SQLException {
    return check(c, "PRAGMA quick_check(5)");
  }

  /** {@code PRAGMA integrity_check}: also compares indexes with their tables. */
  static List<String> integrityCheck(Connection c) throws SQLException {
    return check(c, "PRAGMA integrity_check(5)");
  }

  private static List<String> check(Connection c, String pragma) throws SQLException {
    List<String> findings = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(pragma)) {
      while (rs.next()) {
        findings.add(rs.getString(1));
      }
    }
    return findings.equals(List.of("ok")) ? List.of() : findings;
  }

  private static boolean hasTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }
}

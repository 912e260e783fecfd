package dev.pith.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConnection;

/**
 * Brings a database to the latest schema.
 *
 * <p>Why {@code PRAGMA user_version} and not Flyway: SQLite's DDL is transactional, so each upgrade and
 * its version number commit together or not at all, with no history table to keep in step; the steps are
 * listed here rather than found by classpath scanning, which a jlinked app image breaks; and a Pi pays
 * nothing at start-up for a migration framework. Steps are additive: a shipped step is never edited.
 */
final class Migrator {
  /** The steps in order; step i (from 1) brings schema i-1 to schema i. */
  static final List<String> STEPS = List.of("V001__initial.sql", "V002__search.sql", "V003__cloud_audit.sql",
      "V004__idle_watts.sql",
      "V005__cloud_and_confidence.sql");

  /** Written into every Pith database header, so a foreign SQLite file is recognised as such: "Pith". */
  static final int APPLICATION_ID = 0x50697468;

  private Migrator() {}

  static int latest() {
    return STEPS.size();
  }

  /** Applies the missing steps in one transaction and returns the version the database had before. */
  static int migrate(Connection connection) throws SQLException {
    int from = userVersion(connection);
    if (from > latest()) {
      throw new StorageException("The database was written by a newer Pith (schema " + from
          + "; this Pith knows up to " + latest() + "); update Pith to open it.");
    }
    if (from == latest()) {
      return from;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (int step = from + 1; step <= latest(); step++) {
        exec(connection, script(STEPS.get(step - 1)));
      }
      exec(connection, "PRAGMA user_version = " + latest() + "; PRAGMA application_id = " + APPLICATION_ID + ";");
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return from;
  }

  static int userVersion(Connection connection) throws SQLException {
    return intPragma(connection, "user_version");
  }

  static int applicationId(Connection connection) throws SQLException {
    return intPragma(connection, "application_id");
  }

  private static int intPragma(Connection connection, String name) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Runs a script of several statements (triggers included) through sqlite3_exec. */
  private static void exec(Connection connection, String sql) throws SQLException {
    connection.unwrap(SQLiteConnection.class).getDatabase()._exec(sql);
  }

  static String script(String name) {
    try (InputStream in = Migrator.class.getResourceAsStream("migrations/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

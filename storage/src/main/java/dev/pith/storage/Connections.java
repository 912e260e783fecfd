package dev.pith.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** How Pith connects to its database file: the pragmas every connection gets. */
final class Connections {
  /** How long a connection waits for another process's write lock before giving up. */
  static final int BUSY_TIMEOUT_MS = 5_000;

  private Connections() {}

  /**
   * The one writing connection: WAL (readers never block the writer, a crash never tears a page), foreign
   * keys on (off by default in SQLite), synchronous FULL (each commit is on the disk before it returns, so a
   * pulled power cord loses no committed write; with WAL that is one sync per commit), and IMMEDIATE
   * transactions (take the write lock at BEGIN, so two processes never deadlock upgrading a read).
   */
  static Connection writer(Path file) throws SQLException {
    SQLiteConfig config = base();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config.createConnection(url(file));
  }

  /** A connection that only reads (query_only), for the reader pool. */
  static Connection reader(Path file) throws SQLException {
    Connection c = base().createConnection(url(file));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA query_only = ON");
    }
    return c;
  }

  /** A connection that changes nothing about the file on its own (for the health check). */
  static Connection plain(Path file) throws SQLException {
    return base().createConnection(url(file));
  }

  private static SQLiteConfig base() {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}

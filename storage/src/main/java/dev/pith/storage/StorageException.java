package dev.pith.storage;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A storage failure the user can read: the message is one sentence, fit for a status line or stderr. */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Words for what went wrong while {@code doing} something (e.g. "saving the answer"). */
  public static StorageException of(String doing, SQLException e) {
    return new StorageException("Could not finish " + doing + ": " + describe(e), e);
  }

  /** The cause in user terms: a full disk, a damaged file, a lock, ... or SQLite's own words. */
  static String describe(SQLException e) {
    SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
    if (code == null) {
      return oneLine(e.getMessage());
    }
    return switch (primary(code)) {
      case SQLITE_FULL -> "the disk is full (free some space and try again)";
      case SQLITE_CORRUPT, SQLITE_NOTADB -> "the database file is damaged (run `pith doctor`)";
      case SQLITE_READONLY, SQLITE_PERM -> "the database file is read-only";
      case SQLITE_CANTOPEN -> "the database file cannot be opened (check the folder exists and is writable)";
      case SQLITE_BUSY, SQLITE_LOCKED -> "the database is busy in another program; try again";
      case SQLITE_IOERR -> "the disk reported an input/output error";
      default -> oneLine(e.getMessage());
    };
  }

  /** The primary result code of an extended one (SQLITE_IOERR_WRITE becomes SQLITE_IOERR). */
  static SQLiteErrorCode primary(SQLiteErrorCode code) {
    return SQLiteErrorCode.getErrorCode(code.code & 0xff);
  }

  static boolean isCorruption(SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode code = primary(s.getResultCode());
      return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB;
    }
    return false;
  }

  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

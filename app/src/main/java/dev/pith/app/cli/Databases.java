package dev.pith.app.cli;

import dev.pith.storage.Database;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Opens {@code <data-dir>/pith.db} for a command. */
final class Databases {
  private Databases() {}

  /** The database file in {@code dataDir}. */
  static Path file(DataDir dataDir) {
    return dataDir.path().resolve(Database.FILE_NAME);
  }

  /**
   * Opens (creating if needed) the database; when it was damaged and replaced, says so on {@code err} in one
   * sentence. Closing it takes a backup when anything was written.
   *
   * @throws dev.pith.storage.StorageException with one line when it cannot be opened
   */
  static Database open(DataDir dataDir, PrintWriter err) {
    return open(dataDir, Database.Options.defaults(), err);
  }

  /** Like {@link #open(DataDir, PrintWriter)} for commands that only look: closing it takes no backup. */
  static Database openToLook(DataDir dataDir, PrintWriter err) {
    return open(dataDir, Database.Options.defaults().withBackupOnClose(false), err);
  }

  /** Like {@link #openToLook} with {@code quick_check} at open whatever the file's size ({@code pith doctor}). */
  static Database openToCheck(DataDir dataDir, PrintWriter err) {
    return open(dataDir, Database.Options.defaults().withBackupOnClose(false).withAlwaysQuickCheck(true), err);
  }

  /**
   * Like {@link #openToLook} without {@code quick_check} after a clean exit, for a look just before the window
   * opens the same file (and checks it the way it always does).
   */
  static Database openBeforeWindow(DataDir dataDir, PrintWriter err) {
    return open(dataDir, Database.Options.defaults().withBackupOnClose(false).withQuickCheckEveryOpenUpTo(0), err);
  }

  private static Database open(DataDir dataDir, Database.Options options, PrintWriter err) {
    Database db = Database.open(file(dataDir), dataDir.path().resolve(Database.BACKUP_DIR), options);
    db.openReport().repairMessage().ifPresent(sentence -> {
      err.println(sentence);
      err.flush();
    });
    return db;
  }
}

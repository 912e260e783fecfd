package dev.pith.app.cli;

import dev.pith.storage.Backups;
import dev.pith.storage.Database;
import dev.pith.storage.Database.OpenReport;
import dev.pith.storage.StorageException;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.MessageStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The database part of {@code pith doctor}. Opening the database is the check: the same path the window
 * takes, so a damaged file is set aside and the newest good backup restored here too.
 */
final class DatabaseDoctor {
  /** The exit code of a doctor run that found the database damaged and replaced it. */
  static final int EXIT_REPAIRED = 3;
  /** The exit code when {@code --full} finds damage that the quick check at open did not. */
  static final int EXIT_DAMAGED = 1;

  private final DataDir dataDir;
  private final boolean full;
  private final PrintWriter out;
  private final PrintWriter err;

  DatabaseDoctor(DataDir dataDir, boolean full, PrintWriter out, PrintWriter err) {
    this.dataDir = dataDir;
    this.full = full;
    this.out = out;
    this.err = err;
  }

  /**
   * Prints the database rows.
   *
   * @return 0 when healthy, {@link #EXIT_REPAIRED} when it was damaged and replaced by this run,
   *     {@link #EXIT_DAMAGED} when {@code --full} found damage
   * @throws StorageException when the database cannot be opened (another program's file, a newer schema, a
   *     folder Pith cannot read); the rows printed so far say where it is
   */
  int print() {
    Path file = Databases.file(dataDir);
    if (Files.notExists(file)) {
      DoctorCommand.row(out, "Database", file + " (does not exist yet; the first chat creates it)");
      return 0;
    }
    Database opened;
    try {
      opened = Databases.openToCheck(dataDir, err);
    } catch (StorageException e) {
      DoctorCommand.row(out, "Database", file + " (" + size(file) + "; cannot be opened, see below)");
      throw e;
    }
    try (Database db = opened) {
      OpenReport report = db.openReport();
      DoctorCommand.row(out, "Database", file + " (" + size(file) + walSize(file) + ")");
      DoctorCommand.row(out, "Schema", schema(report));
      Counts counts = db.read(Counts::read);
      DoctorCommand.row(out, "Conversations", counts.conversations());
      DoctorCommand.row(out, "Messages", messages(counts, report));
      DoctorCommand.row(out, "Cloud audit", counts.cloudAudit() + " rows");
      List<String> damage = full ? db.integrityCheck() : List.of();
      DoctorCommand.row(out, "Health", health(report, damage));
      DoctorCommand.row(out, "Backups", backups(db.backups()));
      out.flush();
      if (report.repairMessage().isPresent()) {
        return EXIT_REPAIRED;
      }
      if (!damage.isEmpty()) {
        err.println("pith: integrity_check found damage in " + file + "; the backups are in " + db.backups().dir());
        err.flush();
        return EXIT_DAMAGED;
      }
      return 0;
    }
  }

  /** The numbers of rows doctor reports, read in one transaction. */
  record Counts(long conversations, long messages, long interrupted, long cloudAudit) {
    static Counts read(Connection c) throws SQLException {
      MessageDao messages = new MessageDao(c);
      return new Counts(new ConversationDao(c).count(), messages.count(),
          messages.countWithStatus(MessageStatus.INTERRUPTED), new CloudAuditDao(c).count());
    }
  }

  private static String schema(OpenReport report) {
    if (report.migratedFrom() == report.schemaVersion()) {
      return String.valueOf(report.schemaVersion());
    }
    return report.schemaVersion() + (report.migratedFrom() == 0
        ? " (created just now)"
        : " (migrated from " + report.migratedFrom() + " just now)");
  }

  private static String messages(Counts counts, OpenReport report) {
    if (counts.interrupted() == 0) {
      return String.valueOf(counts.messages());
    }
    String markedNow = report.interruptedAnswers() > 0 ? ", " + report.interruptedAnswers() + " of them just now" : "";
    return counts.messages() + " (" + counts.interrupted() + " answers cut short by an exit" + markedNow + ")";
  }

  private String health(OpenReport report, List<String> damage) {
    if (report.repairMessage().isPresent()) {
      return "DAMAGED: set aside and replaced just now (stderr says how)";
    }
    if (!full) {
      return "ok (quick_check; --full also runs integrity_check)";
    }
    return damage.isEmpty() ? "ok (integrity_check)" : "DAMAGED: integrity_check says " + String.join("; ", damage);
  }

  private static String backups(Backups backups) {
    List<Backups.Backup> kept = backups.list();
    if (kept.isEmpty()) {
      return "none yet in " + backups.dir() + " (Pith takes one when it closes after a change)";
    }
    return kept.size() + " in " + backups.dir() + ", newest " + Display.time(kept.get(0).taken());
  }

  /** The write-ahead log's size when it holds anything (after a clean exit it is empty or gone). */
  private static String walSize(Path file) {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    try {
      return Files.isRegularFile(wal) && Files.size(wal) > 0 ? " + " + bytes(Files.size(wal)) + " WAL" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** A file's size for people: {@code 45.1 KB}, {@code 12.0 MB}; {@code size unknown} when it cannot be read. */
  static String size(Path file) {
    try {
      return bytes(Files.size(file));
    } catch (IOException e) {
      return "size unknown";
    }
  }

  static String bytes(long count) {
    if (count < 1024) {
      return count + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = count / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}

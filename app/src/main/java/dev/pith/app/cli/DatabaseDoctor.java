package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.OptionalLong;

/**
 * The database part of {@code pith doctor}. Opening the database is the check: the same path the window
 * takes, so a damaged file is set aside and the newest good backup restored here too. {@link #check} looks once;
 * the {@link Report} it returns prints the text report's rows or JSON, and says the exit code.
 */
final class DatabaseDoctor {
  /** The exit code of a doctor run that found the database damaged and replaced it. */
  static final int EXIT_REPAIRED = 3;
  /** The exit code when {@code --full} finds damage that the quick check at open did not. */
  static final int EXIT_DAMAGED = 1;

  private DatabaseDoctor() {}

  /**
   * Opens the database to check it ({@code --full} also runs {@code integrity_check}). The sentence saying how a
   * damaged file was replaced goes to {@code err}, as the window logs it.
   */
  static Report check(DataDir dataDir, boolean full, PrintWriter err) {
    Path file = Databases.file(dataDir);
    if (Files.notExists(file)) {
      return new Missing(file);
    }
    Database opened;
    try {
      opened = Databases.openToCheck(dataDir, err);
    } catch (StorageException e) {
      return new Unopenable(file, sizeBytes(file), e);
    }
    try (Database db = opened) {
      Counts counts = db.read(Counts::read);
      List<String> damage = full ? db.integrityCheck() : List.of();
      return new Opened(file, sizeBytes(file), walBytes(file), db.openReport(), counts, full, damage,
          db.backups().dir(), db.backups().list());
    }
  }

  /** What {@link #check} found: the rows of the text report, the {@code "database"} object, the exit code. */
  sealed interface Report permits Missing, Unopenable, Opened {
    Path file();

    /** The text report's rows. */
    void print(PrintWriter out);

    /** {@code pith doctor --json}'s {@code "database"} object. */
    ObjectNode toJson();

    /**
     * The exit code the report means, saying on {@code err} what is wrong.
     *
     * @return 0 when healthy, {@link #EXIT_REPAIRED} when it was damaged and replaced by this run,
     *     {@link #EXIT_DAMAGED} when {@code --full} found damage
     * @throws StorageException when the database cannot be opened (another program's file, a newer schema, a
     *     folder Pith cannot read); the rows printed before say where it is
     */
    int exitCode(PrintWriter err);
  }

  /** No database file yet: it is reported, not created. */
  record Missing(Path file) implements Report {
    @Override
    public void print(PrintWriter out) {
      DoctorCommand.row(out, "Database", file + " (does not exist yet; the first chat creates it)");
    }

    @Override
    public ObjectNode toJson() {
      return JsonLines.object().put("file", file.toString()).put("status", "missing");
    }

    @Override
    public int exitCode(PrintWriter err) {
      return 0;
    }
  }

  /** A file Pith cannot open as its database; {@code failure} says why. */
  record Unopenable(Path file, OptionalLong sizeBytes, StorageException failure) implements Report {
    @Override
    public void print(PrintWriter out) {
      DoctorCommand.row(out, "Database", file + " (" + size(sizeBytes) + "; cannot be opened, see below)");
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = JsonLines.object().put("file", file.toString()).put("status", "cannot_open");
      putBytes(node, "size_bytes", sizeBytes);
      return node.put("error", Cli.oneLine(failure.getMessage()));
    }

    @Override
    public int exitCode(PrintWriter err) {
      throw failure;
    }
  }

  /**
   * A database that opened (after a repair, if it needed one).
   *
   * @param walBytes the write-ahead log's size, 0 when it is empty, gone or cannot be read
   * @param full whether {@code integrity_check} ran
   * @param damage what {@code integrity_check} found (empty when it found nothing or did not run)
   * @param backups the backups kept, newest first
   */
  record Opened(Path file, OptionalLong sizeBytes, long walBytes, OpenReport report, Counts counts, boolean full,
      List<String> damage, Path backupsDir, List<Backups.Backup> backups) implements Report {
    Opened {
      damage = List.copyOf(damage);
      backups = List.copyOf(backups);
    }

    @Override
    public void print(PrintWriter out) {
      String wal = walBytes > 0 ? " + " + bytes(walBytes) + " WAL" : "";
      DoctorCommand.row(out, "Database", file + " (" + size(sizeBytes) + wal + ")");
      DoctorCommand.row(out, "Schema", schema());
      DoctorCommand.row(out, "Conversations", counts.conversations());
      DoctorCommand.row(out, "Messages", messages());
      DoctorCommand.row(out, "Cloud audit", counts.cloudAudit() + " rows");
      DoctorCommand.row(out, "Health", health());
      DoctorCommand.row(out, "Backups", backupsText());
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = JsonLines.object().put("file", file.toString()).put("status", status());
      putBytes(node, "size_bytes", sizeBytes);
      node.put("wal_bytes", walBytes);
      ObjectNode schema = node.putObject("schema").put("version", report.schemaVersion())
          .put("created_now", report.migratedFrom() == 0);
      if (report.migratedFrom() != 0 && report.migratedFrom() != report.schemaVersion()) {
        schema.put("migrated_from", report.migratedFrom());
      } else {
        schema.putNull("migrated_from");
      }
      node.put("conversations", counts.conversations())
          .put("messages", counts.messages())
          .put("interrupted_answers", counts.interrupted())
          .put("interrupted_now", report.interruptedAnswers())
          .put("cloud_audit_rows", counts.cloudAudit());
      ArrayNode checks = node.putArray("checks");
      if (report.quickChecked()) {
        checks.add("quick_check");
      }
      if (full) {
        checks.add("integrity_check");
      }
      ArrayNode found = node.putArray("damage");
      damage.forEach(found::add);
      node.put("repair", report.repairMessage().orElse(null));
      ObjectNode kept = node.putObject("backups").put("dir", backupsDir.toString()).put("count", backups.size());
      kept.put("newest", backups.isEmpty() ? null : backups.get(0).taken().toString());
      return node;
    }

    @Override
    public int exitCode(PrintWriter err) {
      if (report.repairMessage().isPresent()) {
        return EXIT_REPAIRED;
      }
      if (!damage.isEmpty()) {
        err.println("pith: integrity_check found damage in " + file + "; the backups are in " + backupsDir);
        err.flush();
        return EXIT_DAMAGED;
      }
      return 0;
    }

    /** {@code ok}, {@code repaired} (damaged and replaced by this run) or {@code damaged} ({@code --full} found). */
    private String status() {
      if (report.repairMessage().isPresent()) {
        return "repaired";
      }
      return damage.isEmpty() ? "ok" : "damaged";
    }

    private String schema() {
      if (report.migratedFrom() == report.schemaVersion()) {
        return String.valueOf(report.schemaVersion());
      }
      return report.schemaVersion() + (report.migratedFrom() == 0
          ? " (created just now)"
          : " (migrated from " + report.migratedFrom() + " just now)");
    }

    private String messages() {
      if (counts.interrupted() == 0) {
        return String.valueOf(counts.messages());
      }
      String markedNow = report.interruptedAnswers() > 0
          ? ", " + report.interruptedAnswers() + " of them just now" : "";
      return counts.messages() + " (" + counts.interrupted() + " answers cut short by an exit" + markedNow + ")";
    }

    private String health() {
      if (report.repairMessage().isPresent()) {
        return "DAMAGED: set aside and replaced just now (stderr says how)";
      }
      if (!full) {
        return "ok (quick_check; --full also runs integrity_check)";
      }
      return damage.isEmpty() ? "ok (integrity_check)" : "DAMAGED: integrity_check says " + String.join("; ", damage);
    }

    private String backupsText() {
      if (backups.isEmpty()) {
        return "none yet in " + backupsDir + " (Pith takes one when it closes after a change)";
      }
      return backups.size() + " in " + backupsDir + ", newest " + Display.time(backups.get(0).taken());
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

  /** The write-ahead log's size when it holds anything (after a clean exit it is empty or gone), else 0. */
  private static long walBytes(Path file) {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    try {
      return Files.isRegularFile(wal) ? Files.size(wal) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** A file's size, empty when it cannot be read. */
  private static OptionalLong sizeBytes(Path file) {
    try {
      return OptionalLong.of(Files.size(file));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** A file's size for people: {@code 45.1 KB}, {@code 12.0 MB}; {@code size unknown} when it cannot be read. */
  private static String size(OptionalLong sizeBytes) {
    return sizeBytes.isPresent() ? bytes(sizeBytes.getAsLong()) : "size unknown";
  }

  private static void putBytes(ObjectNode node, String name, OptionalLong value) {
    if (value.isPresent()) {
      node.put(name, value.getAsLong());
    } else {
      node.putNull(name);
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

package dev.pith.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What start-up does with a damaged database: set it aside, untouched, and restore the newest good backup. */
final class Repair {
  private static final Logger LOG = LoggerFactory.getLogger(Repair.class);
  private static final DateTimeFormatter ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private Repair() {}

  /**
   * Moves {@code file} (and its WAL) aside as {@code <name>.corrupt-<time>}, copies the newest backup that
   * passes its own check into place, and returns the one sentence that tells the user what happened.
   */
  static String replaceDamaged(Path file, Backups backups, Clock clock, List<String> problems) {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + ASIDE_STAMP.format(clock.instant()));
    try {
      Files.move(file, aside);
      Path wal = file.resolveSibling(file.getFileName() + "-wal");
      if (Files.exists(wal)) {
        Files.move(wal, aside.resolveSibling(aside.getFileName() + "-wal"));
      }
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
    } catch (IOException e) {
      throw new StorageException("The database " + file + " is damaged and could not be moved aside ("
          + e.getMessage() + "); move it away by hand and start Pith again.", e);
    }
    Optional<Backups.Backup> restored = newestGood(backups);
    if (restored.isEmpty()) {
      return "The database was damaged, so Pith set it aside as " + aside.getFileName()
          + " and, with no backup to restore, started a new, empty one.";
    }
    try {
      Files.copy(restored.get().file(), file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StorageException("The database was damaged and set aside as " + aside.getFileName()
          + ", but the backup " + restored.get().file() + " could not be copied back: " + e.getMessage(), e);
    }
    return "The database was damaged, so Pith set it aside as " + aside.getFileName()
        + " and restored the backup from " + SHOWN.format(restored.get().taken())
        + "; anything written after that is only in the damaged copy.";
  }

  private static Optional<Backups.Backup> newestGood(Backups backups) {
    for (Backups.Backup candidate : backups.list()) {
      try (Connection c = Connections.plain(candidate.file())) {
        List<String> findings = Health.quickCheck(c);
        if (findings.isEmpty() && Migrator.applicationId(c) == Migrator.APPLICATION_ID) {
          return Optional.of(candidate);
        }
        LOG.warn("backup {} is damaged too: {}", candidate.file(), findings);
      } catch (SQLException e) {
        LOG.warn("backup {} cannot be read: {}", candidate.file(), e.getMessage());
      }
    }
    return Optional.empty();
  }
}

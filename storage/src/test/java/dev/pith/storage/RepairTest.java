package dev.pith.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.dao.ConversationDao;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  @Test
  void aDamagedFileIsSetAsideAndTheNewestBackupRestored() throws Exception {
    UUID backedUp;
    UUID afterBackup;
    Database.Options noExitBackup = Database.Options.defaults().withClock(clock).withBackupOnClose(false);
    try (Database db = open(noExitBackup)) {
      backedUp = Fixtures.conversation(db, "Before the backup", "q", "a");
      db.backupNow();
      afterBackup = Fixtures.conversation(db, "After the backup", "q", "a");
    }
    Damage.overwritePagesAfterTheFirst(dir.resolve(Database.FILE_NAME));
    clock.advance(Duration.ofHours(1));

    try (Database db = open(noExitBackup)) {
      String message = db.openReport().repairMessage().orElseThrow();
      assertTrue(message.startsWith("The database was damaged, so Pith set it aside as pith.db.corrupt-20261121-100000"
          + " and restored the backup from "), message);
      assertTrue(message.endsWith("; anything written after that is only in the damaged copy."), message);
      assertTrue(db.read(c -> new ConversationDao(c).find(backedUp)).isPresent());
      assertFalse(db.read(c -> new ConversationDao(c).find(afterBackup)).isPresent());
      assertEquals(List.of(), db.integrityCheck());
    }
    assertTrue(Files.exists(dir.resolve("pith.db.corrupt-20261121-100000")), "the damaged file is kept");
    try (Database db = open(noExitBackup)) {
      assertTrue(db.openReport().repairMessage().isEmpty(), "the next start is a normal one");
    }
  }

  @Test
  void aFileThatIsNotADatabaseAnyMoreIsRepairedToo() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "kept", "q", "a");
    } // clean exit: a backup
    Damage.overwriteEverything(dir.resolve(Database.FILE_NAME));
    try (Database db = Fixtures.open(dir, clock)) {
      assertTrue(db.openReport().repairMessage().orElseThrow().contains("restored the backup"));
      assertEquals(1L, (long) db.read(c -> new ConversationDao(c).count()));
    }
  }

  @Test
  void withNoGoodBackupPithStartsEmptyAndSaysSo() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "lost", "q", "a");
    }
    for (Backups.Backup b : new Backups(dir.resolve(Database.BACKUP_DIR), 5, clock).list()) {
      Damage.overwritePagesAfterTheFirst(b.file());
    }
    Damage.overwritePagesAfterTheFirst(dir.resolve(Database.FILE_NAME));
    try (Database db = Fixtures.open(dir, clock)) {
      assertEquals("The database was damaged, so Pith set it aside as pith.db.corrupt-20261121-090000"
          + " and, with no backup to restore, started a new, empty one.", db.openReport().repairMessage().orElseThrow());
      assertEquals(0L, (long) db.read(c -> new ConversationDao(c).count()));
    }
  }

  @Test
  void backupsKeepTheNewestFive() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      for (int i = 0; i < 7; i++) {
        clock.advance(Duration.ofMinutes(1));
        db.backupNow();
      }
      List<Backups.Backup> kept = db.backups().list();
      assertEquals(5, kept.size());
      assertEquals(clock.instant(), kept.get(0).taken());
      assertEquals(clock.instant().minus(Duration.ofMinutes(4)), kept.get(4).taken());
    }
  }

  @Test
  void aCleanExitTakesABackupWhenSomethingWasWrittenAndTheNewestIsADayOld() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "t", "q", "a");
    }
    assertEquals(1, backupFiles(), "the first backup");
    clock.advance(Duration.ofHours(1));
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "t", "q", "a");
    }
    assertEquals(1, backupFiles(), "a backup copies the whole file: at most one a day");
    clock.advance(Duration.ofHours(24));
    try (Database db = Fixtures.open(dir, clock)) {
      db.read(c -> new ConversationDao(c).count());
    }
    assertEquals(1, backupFiles(), "nothing written, nothing to back up");
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "t", "q", "a");
    }
    assertEquals(2, backupFiles());
  }

  @Test
  void aLargeFileIsCheckedAfterAnUncleanExitOrAWeekNotAfterEveryCleanOne() throws Exception {
    Database.Options large = Database.Options.defaults().withClock(clock).withQuickCheckEveryOpenUpTo(0);
    try (Database db = open(large)) {
      assertTrue(db.openReport().quickChecked(), "a new file");
      Fixtures.conversation(db, "t", "q", "a");
    }
    try (Database db = open(large)) {
      assertFalse(db.openReport().quickChecked(), "after a clean exit");
    }
    assertTrue(Files.exists(dir.resolve("pith.db.clean")));
    try (Database db = open(large)) {
      assertFalse(db.openReport().quickChecked());
      assertFalse(Files.exists(dir.resolve("pith.db.clean")), "opening takes the mark away");
    }
    Files.delete(dir.resolve("pith.db.clean")); // as if that run had crashed: only a clean close leaves it
    try (Database db = open(large)) {
      assertTrue(db.openReport().quickChecked(), "after an unclean exit");
    }
    clock.advance(Database.CHECK_EVERY.plusMinutes(1));
    try (Database db = open(large)) {
      assertTrue(db.openReport().quickChecked(), "a week after the last check");
    }
    try (Database db = open(large)) {
      assertFalse(db.openReport().quickChecked());
    }

    // Damage after a clean exit: the check is skipped, but reading the damaged pages at open finds it, and
    // the file is then checked and repaired like any other.
    Damage.overwritePagesAfterTheFirst(dir.resolve(Database.FILE_NAME));
    try (Database db = open(large)) {
      assertTrue(db.openReport().quickChecked());
      assertTrue(db.openReport().repairMessage().orElseThrow().contains("restored the backup"));
    }
  }

  @Test
  void aDayOldBackupIsRenewedWhilePithRuns() throws Exception {
    try (Database db = Fixtures.open(dir, clock)) {
      Fixtures.conversation(db, "t", "q", "a");
    }
    clock.advance(Duration.ofDays(2));
    Database.Options options = Database.Options.defaults().withClock(clock).withBackupOnClose(false);
    try (Database db = open(options)) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (backupFiles() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(2, backupFiles());
      assertEquals(clock.instant(), db.backups().newest().orElseThrow().taken());
    }
  }

  private Database open(Database.Options options) {
    return Database.open(dir.resolve(Database.FILE_NAME), dir.resolve(Database.BACKUP_DIR), options);
  }

  private long backupFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(Database.BACKUP_DIR))) {
      return files.filter(p -> p.toString().endsWith(".db")).count();
    }
  }
}

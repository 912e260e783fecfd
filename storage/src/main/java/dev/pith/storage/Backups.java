package dev.pith.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConnection;

/**
 * Copies of the database made with SQLite's online backup, one file per copy named by its UTC time
 * ({@code pith-20261121T101500Z.db}), newest kept, oldest deleted beyond {@code keep}.
 */
public final class Backups {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String PREFIX = "pith-";
  private static final String SUFFIX = ".db";

  /** One backup file and when it was taken. */
  public record Backup(Path file, Instant taken) {}

  private final Path dir;
  private final int keep;
  private final Clock clock;

  Backups(Path dir, int keep, Clock clock) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one backup, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
    this.clock = clock;
  }

  public Path dir() {
    return dir;
  }

  /** The backups on disk, newest first. */
  public List<Backup> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Backup> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        taken(file).ifPresent(t -> found.add(new Backup(file, t)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(Comparator.comparing(Backup::taken).reversed());
    return found;
  }

  public Optional<Backup> newest() {
    List<Backup> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Copies the database open on {@code source} into a new backup in one step (a consistent snapshot, even
   * while another connection writes), then deletes the oldest beyond the number kept.
   */
  Backup create(Connection source) throws SQLException {
    Instant now = clock.instant();
    Path target = dir.resolve(PREFIX + STAMP.format(now) + SUFFIX);
    Path partial = dir.resolve(target.getFileName() + ".part");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(partial);
      // pagesPerStep -1: the whole file in one step, so concurrent writes never restart the copy.
      source.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null, 100, 3, -1);
      move(partial, target);
      prune();
    } catch (IOException e) {
      throw new StorageException("Could not write a backup to " + dir + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // a leftover .part is never mistaken for a backup (wrong suffix)
      }
    }
    return new Backup(target, now);
  }

  private void prune() throws IOException {
    List<Backup> all = list();
    for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
      Files.deleteIfExists(old.file());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Optional<Instant> taken(Path file) {
    String name = file.getFileName().toString();
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(STAMP.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

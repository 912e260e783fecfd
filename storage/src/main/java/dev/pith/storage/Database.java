package dev.pith.storage;

import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.MessageDao;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pith's SQLite database: one file, one writer thread, a few reading connections.
 *
 * <p>{@link #open} checks the file ({@code quick_check}; a damaged file is set aside and the newest good
 * backup restored), brings the schema up to date, and marks answers left {@code streaming} by a crash as
 * {@code interrupted}. Writes run one at a time on the "pith-db-writer" thread, each in its own
 * transaction; reads run on the caller's thread with a pooled read-only connection (WAL: readers and the
 * writer never wait for each other). Nothing here may run on the JavaFX thread.
 */
public final class Database implements AutoCloseable {
  public static final String FILE_NAME = "pith.db";
  public static final String BACKUP_DIR = "backups";
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * @param clock the time for backups and set-aside file names
   * @param keepBackups how many backups to keep
   * @param backupEvery the most time between backups while Pith runs (a backup also runs at clean exit)
   * @param readers the most reading connections kept open
   * @param backupOnClose whether {@link #close} takes a backup when anything was written and the newest
   *     backup is older than {@code backupEvery}
   * @param alwaysQuickCheck run {@code quick_check} at open whatever the size and the last exit ({@code pith
   *     doctor})
   * @param quickCheckEveryOpenUpTo files up to this many bytes are checked at every open
   */
  public record Options(
      Clock clock, int keepBackups, Duration backupEvery, int readers, boolean backupOnClose,
      boolean alwaysQuickCheck, long quickCheckEveryOpenUpTo) {
    public Options {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(backupEvery, "backupEvery");
      if (readers < 1) {
        throw new IllegalArgumentException("at least one reader, got " + readers);
      }
    }

    public static Options defaults() {
      return new Options(Clock.systemUTC(), 5, Duration.ofDays(1), 2, true, false, ALWAYS_CHECK_BYTES);
    }

    public Options withClock(Clock c) {
      return new Options(c, keepBackups, backupEvery, readers, backupOnClose, alwaysQuickCheck, quickCheckEveryOpenUpTo);
    }

    public Options withBackupOnClose(boolean b) {
      return new Options(clock, keepBackups, backupEvery, readers, b, alwaysQuickCheck, quickCheckEveryOpenUpTo);
    }

    public Options withBackupEvery(Duration d) {
      return new Options(clock, keepBackups, d, readers, backupOnClose, alwaysQuickCheck, quickCheckEveryOpenUpTo);
    }

    public Options withQuickCheckEveryOpenUpTo(long bytes) {
      return new Options(clock, keepBackups, backupEvery, readers, backupOnClose, alwaysQuickCheck, bytes);
    }

    public Options withAlwaysQuickCheck(boolean b) {
      return new Options(clock, keepBackups, backupEvery, readers, backupOnClose, b, quickCheckEveryOpenUpTo);
    }
  }

  /**
   * What happened while opening.
   *
   * @param migratedFrom the schema version found (0 for a new file)
   * @param interruptedAnswers answers found still streaming and marked interrupted
   * @param repair one sentence for the user when the file was damaged and replaced; null otherwise
   * @param quickChecked whether {@code quick_check} ran at this open (see {@link #open})
   */
  public record OpenReport(
      Path file, int migratedFrom, int schemaVersion, int interruptedAnswers, String repair, boolean quickChecked) {
    public Optional<String> repairMessage() {
      return Optional.ofNullable(repair);
    }
  }

  private final Path file;
  private final Options options;
  private final Backups backups;
  private final Connection writer;
  private final ScheduledThreadPoolExecutor writerThread;
  private final ScheduledExecutorService backupThread;
  private final BlockingQueue<Connection> idleReaders;
  private final List<Connection> allReaders = new ArrayList<>();
  private final AtomicLong writes = new AtomicLong();
  private final OpenReport report;
  private final Instant lastQuickCheck;
  private volatile boolean closed;

  private Database(Path file, Options options, Backups backups, Connection writer, OpenReport report,
      Instant lastQuickCheck) {
    this.lastQuickCheck = lastQuickCheck;
    this.file = file;
    this.options = options;
    this.backups = backups;
    this.writer = writer;
    this.report = report;
    this.idleReaders = new ArrayBlockingQueue<>(options.readers());
    this.writerThread = new ScheduledThreadPoolExecutor(1, daemon("pith-db-writer"));
    this.writerThread.setRemoveOnCancelPolicy(true);
    this.backupThread = new ScheduledThreadPoolExecutor(1, daemon("pith-db-backup"));
  }

  /** The schema version this Pith writes (a database is migrated to it when opened). */
  public static int latestSchema() {
    return Migrator.latest();
  }

  /** Opens (creating if needed) {@code <dataDir>/pith.db} with backups in {@code <dataDir>/backups}. */
  public static Database open(Path dataDir) {
    return open(dataDir.resolve(FILE_NAME), dataDir.resolve(BACKUP_DIR), Options.defaults());
  }

  /**
   * Opens (creating if needed) the database {@code file}, keeping backups in {@code backupDir}.
   *
   * <p>{@code quick_check} reads every page: ~1 s per 100 MB here, far more on an SD card (10-16 s for a
   * million messages, storage/BENCHMARKS.md). So it runs at every open of a file up to
   * {@link #ALWAYS_CHECK_BYTES} (64 MiB, some 60,000 messages), and for a larger one when the last exit was not clean (a crash, a pulled
   * plug: the moments damage happens) or the last check is older than {@link #CHECK_EVERY}.
   */
  public static Database open(Path file, Path backupDir, Options options) {
    file = file.toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new StorageException("Cannot create the data folder " + file.getParent() + ": " + e.getMessage(), e);
    }
    Backups backups = new Backups(backupDir, options.keepBackups(), options.clock());
    String repair = null;
    Optional<Instant> checkedBeforeCleanExit = CleanExit.take(file);
    boolean quickCheck = needsQuickCheck(file, checkedBeforeCleanExit, options);
    List<String> problems = Health.problems(file, quickCheck);
    if (problems != null && !problems.isEmpty()) {
      repair = Repair.replaceDamaged(file, backups, options.clock(), problems);
      LOG.warn("{} (quick_check: {})", repair, String.join("; ", problems));
    }
    Connection writer = null;
    try {
      writer = Connections.writer(file);
      int from = Migrator.migrate(writer);
      int interrupted = new MessageDao(writer).markStreamingInterrupted(); // auto-commit: one statement
      if (interrupted > 0) {
        LOG.info("{} answer(s) cut short by the last exit marked interrupted", interrupted);
      }
      int cloud = new CloudAuditDao(writer).markSendingInterrupted();
      if (cloud > 0) {
        LOG.info("{} cloud request(s) cut short by the last exit marked interrupted in the audit", cloud);
      }
      Instant now = options.clock().instant();
      Database db = new Database(file, options, backups, writer,
          new OpenReport(file, from, Migrator.latest(), interrupted, repair, quickCheck),
          quickCheck || problems == null ? now : checkedBeforeCleanExit.orElse(now));
      db.scheduleBackups();
      return db;
    } catch (SQLException e) {
      closeQuietly(writer);
      if (!quickCheck && StorageException.isCorruption(e)) {
        return open(file, backupDir, options.withAlwaysQuickCheck(true)); // the skipped check, and its repair
      }
      throw StorageException.of("opening the database " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  /** Files up to this size are checked at every open (the default of {@link Options#quickCheckEveryOpenUpTo}). */
  public static final long ALWAYS_CHECK_BYTES = 64L << 20;
  /** The longest a larger file goes between two checks at open, even after clean exits. */
  public static final Duration CHECK_EVERY = Duration.ofDays(7);

  private static boolean needsQuickCheck(Path file, Optional<Instant> checkedBeforeCleanExit, Options options) {
    if (options.alwaysQuickCheck() || checkedBeforeCleanExit.isEmpty()) {
      return true;
    }
    try {
      if (Files.size(file) <= options.quickCheckEveryOpenUpTo()) {
        return true;
      }
    } catch (IOException e) {
      return true;
    }
    return checkedBeforeCleanExit.get().plus(CHECK_EVERY).isBefore(options.clock().instant());
  }

  public Path file() {
    return file;
  }

  public OpenReport openReport() {
    return report;
  }

  public Backups backups() {
    return backups;
  }

  /** The clock the database stamps times with. */
  public Clock clock() {
    return options.clock();
  }

  /**
   * Runs {@code work} in one transaction on the writer thread. The future fails with a
   * {@link StorageException} naming {@code what} ("saving the answer") when SQLite refuses.
   */
  public <T> CompletableFuture<T> write(String what, SqlWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      writerThread.execute(() -> runWrite(what, work, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new StorageException("The database is closed."));
    }
    return result;
  }

  /** {@link #write} and wait for it; not for the JavaFX thread. */
  public <T> T writeAndWait(String what, SqlWork<T> work) {
    try {
      return write(what, work).join();
    } catch (CompletionException e) {
      throw unwrap(e);
    }
  }

  /**
   * Runs {@code task} on the writer thread after {@code delayMillis}, for coalesced streaming writes; the
   * task writes with {@link #writeOnWriterThread}. Tasks already scheduled still run when the database
   * closes, so the last text of an answer is not dropped by a clean exit.
   */
  ScheduledFuture<?> writeLater(long delayMillis, Runnable task) {
    return writerThread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** {@link #write}, run right here; only for a task that {@link #writeLater} scheduled. */
  <T> CompletableFuture<T> writeOnWriterThread(String what, SqlWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    runWrite(what, work, result);
    return result;
  }

  /** Runs {@code work} in one read transaction on the calling thread; not for the JavaFX thread. */
  public <T> T read(SqlWork<T> work) {
    Connection c = borrowReader();
    try {
      return inTransaction(c, work);
    } catch (SQLException e) {
      throw StorageException.of("reading the database", e);
    } finally {
      idleReaders.offer(c);
    }
  }

  /** {@code PRAGMA integrity_check}: empty when the file is sound, else the first findings. */
  public List<String> integrityCheck() {
    return read(Health::integrityCheck);
  }

  /** Takes a backup now, on the backup thread, and waits for it. */
  public Backups.Backup backupNow() {
    Future<Backups.Backup> done;
    try {
      done = backupThread.submit(this::backupWithOwnConnection);
    } catch (RejectedExecutionException e) {
      throw new StorageException("The database is closed.");
    }
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new StorageException(e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while taking a backup.");
    }
  }

  /** How many writes committed since open. */
  public long writesSinceOpen() {
    return writes.get();
  }

  /**
   * Finishes queued writes, takes a backup when anything was written (a clean exit), tidies the WAL and
   * closes every connection.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    backupThread.shutdownNow();
    writerThread.shutdown();
    try {
      if (!writerThread.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("database writes still running after 30 s; closing anyway");
      }
      backupThread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (allReaders) {
      allReaders.forEach(Database::closeQuietly);
      allReaders.clear();
    }
    try {
      if (options.backupOnClose() && backupDueAtExit()) {
        writer.setAutoCommit(true);
        backups.create(writer);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("no backup at exit: {}", e.getMessage());
    }
    try (Statement s = writer.createStatement()) {
      writer.setAutoCommit(true);
      s.execute("PRAGMA optimize");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      LOG.debug("tidying at close: {}", e.getMessage());
    }
    try {
      writer.close();
      CleanExit.leave(file, lastQuickCheck);
    } catch (SQLException | IOException e) {
      LOG.warn("closing the database: {}", e.getMessage());
    }
  }

  /**
   * A backup copies the whole file (8-10 s for a million messages here, longer on an SD card), so a clean
   * exit takes one only when something was written and the newest is older than {@code backupEvery}, or
   * when there is none yet.
   */
  private boolean backupDueAtExit() {
    Optional<Backups.Backup> newest = backups.newest();
    return isStale(newest) && (writes.get() > 0 || newest.isEmpty());
  }

  /** True when there is no backup, or the newest is at least {@code backupEvery} old. */
  private boolean isStale(Optional<Backups.Backup> newest) {
    return newest.isEmpty() || !newest.get().taken().plus(options.backupEvery()).isAfter(options.clock().instant());
  }

  private <T> void runWrite(String what, SqlWork<T> work, CompletableFuture<T> result) {
    try {
      T value = inTransaction(writer, work);
      writes.incrementAndGet();
      result.complete(value);
    } catch (SQLException e) {
      LOG.warn("write failed ({}): {}", what, e.getMessage());
      result.completeExceptionally(StorageException.of(what, e));
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * Runs {@code work} between BEGIN and COMMIT. Auto-commit is switched back on afterwards: with it off, the
   * driver begins the next transaction right after each commit, and an IMMEDIATE one holds the write lock
   * until the next write, shutting every other Pith process out.
   */
  private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T value = work.run(c);
      c.commit();
      return value;
    } catch (SQLException | RuntimeException | Error e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private Connection borrowReader() {
    if (closed) {
      throw new StorageException("The database is closed.");
    }
    Connection c = idleReaders.poll();
    if (c != null) {
      return c;
    }
    synchronized (allReaders) {
      if (allReaders.size() < options.readers()) {
        try {
          c = Connections.reader(file);
        } catch (SQLException e) {
          throw StorageException.of("opening the database for reading", e);
        }
        allReaders.add(c);
        return c;
      }
    }
    try {
      return idleReaders.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while waiting to read the database.");
    }
  }

  /** A backup now if the newest is older than {@code backupEvery}; checked at open and every hour. */
  private void scheduleBackups() {
    long checkMinutes = Math.max(1, Math.min(60, options.backupEvery().toMinutes()));
    backupThread.scheduleWithFixedDelay(this::backupIfDue, 1, checkMinutes * 60, TimeUnit.SECONDS);
  }

  private void backupIfDue() {
    try {
      Optional<Backups.Backup> newest = backups.newest();
      // The first backup of a file that already held data (migratedFrom > 0), or of what this run wrote.
      boolean due = isStale(newest) && (newest.isPresent() || writes.get() > 0 || report.migratedFrom() > 0);
      if (due) {
        Backups.Backup b = backupWithOwnConnection();
        LOG.info("backup written: {}", b.file());
      }
    } catch (RuntimeException e) {
      LOG.warn("scheduled backup failed: {}", e.getMessage());
    }
  }

  private Backups.Backup backupWithOwnConnection() {
    try (Connection c = Connections.reader(file)) {
      return backups.create(c);
    } catch (SQLException e) {
      throw StorageException.of("taking a backup", e);
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException r ? r : e;
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection: {}", e.getMessage());
    }
  }
}

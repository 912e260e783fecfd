package dev.pith.storage;

import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * An answer written to the database while it grows: the row is inserted as {@code streaming}, its text is
 * rewritten at most every {@link #FLUSH_MILLIS} (so a crash or a pulled plug loses at most that much), and
 * {@link #finish} writes the final text, status and metrics.
 *
 * <p>{@link #append} is for the generating thread: it only appends to a buffer and, when no write is
 * pending, schedules one on the writer thread; it never waits for the disk. A failed write (a full disk)
 * loses nothing: the text stays here, {@link #failure} says why, and {@link #finish} writes the whole
 * answer, inserting the row if it never got in.
 */
public final class StreamingAnswer {
  /** The most time between two writes of the growing text. */
  public static final long FLUSH_MILLIS = 250;

  private final Database db;
  private final Message started;
  private final StringBuilder text = new StringBuilder();
  private final Object lock = new Object();
  private ScheduledFuture<?> pending;
  private long lastFlushNanos;
  private boolean finished;
  private volatile StorageException failure;

  private StreamingAnswer(Database db, Message started) {
    this.db = db;
    this.started = started;
    this.lastFlushNanos = System.nanoTime();
  }

  /** Inserts an empty {@code streaming} assistant message answering {@code parentId}. */
  public static StreamingAnswer start(Database db, UUID conversationId, UUID parentId, String modelId, String backend) {
    Instant now = Instant.now(db.clock());
    Message row = new Message(UUID.randomUUID(), conversationId, parentId, Role.ASSISTANT, "",
        MessageStatus.STREAMING, null, now, now, modelId, backend, MessageMetrics.NONE);
    StreamingAnswer answer = new StreamingAnswer(db, row);
    answer.track(db.write("saving the answer", c -> {
      new MessageDao(c).insert(row);
      return null;
    }));
    return answer;
  }

  public UUID id() {
    return started.id();
  }

  /** Adds text; returns at once. */
  public void append(String piece) {
    if (piece.isEmpty()) {
      return;
    }
    synchronized (lock) {
      text.append(piece);
      if (pending == null && !finished) {
        long sinceLast = (System.nanoTime() - lastFlushNanos) / 1_000_000;
        pending = db.writeLater(Math.max(0, FLUSH_MILLIS - sinceLast), this::flush);
      }
    }
  }

  /** The text so far. */
  public String text() {
    synchronized (lock) {
      return text.toString();
    }
  }

  /** The first write that failed, if any; the text is still whole in {@link #text()}. */
  public Optional<StorageException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Writes the final text with {@code status} ({@code complete}, {@code cancelled} or {@code error} with
   * its {@code error} line) and the answer's metrics. The future holds the stored message.
   */
  public CompletableFuture<Message> finish(MessageStatus status, String error, MessageMetrics metrics) {
    if (status == MessageStatus.STREAMING) {
      throw new IllegalArgumentException("an answer cannot finish as streaming");
    }
    String finalText;
    synchronized (lock) {
      finished = true;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
      finalText = text.toString();
    }
    CompletableFuture<Message> done = db.write("saving the answer", c -> {
      MessageDao messages = new MessageDao(c);
      Instant now = Instant.now(db.clock());
      if (!messages.finish(started.id(), finalText, status, error, metrics, now)) {
        messages.insert(new Message(started.id(), started.conversationId(), started.parentId(), Role.ASSISTANT,
            finalText, status, error, started.created(), now, started.modelId(), started.backend(), metrics));
      }
      new ConversationDao(c).touch(started.conversationId(), now);
      return messages.find(started.id()).orElseThrow();
    });
    track(done);
    return done;
  }

  /** Runs on the writer thread: writes the latest text. */
  private void flush() {
    String snapshot;
    synchronized (lock) {
      pending = null;
      if (finished) {
        return;
      }
      snapshot = text.toString();
      lastFlushNanos = System.nanoTime();
    }
    track(db.writeOnWriterThread("saving the answer", c -> new MessageDao(c)
        .updateStreamingContent(started.id(), snapshot, Instant.now(db.clock()))));
  }

  private void track(CompletableFuture<?> write) {
    write.whenComplete((value, e) -> {
      if (e != null && failure == null) {
        failure = e instanceof StorageException s ? s
            : e.getCause() instanceof StorageException s ? s : new StorageException(String.valueOf(e.getMessage()), e);
      }
    });
  }
}

package dev.pith.app.kiosk;

import dev.pith.storage.Database;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The window's way to the admin PIN: checking one typed at the kiosk and setting or changing it in Settings → Kiosk.
 * Hashing is slow on purpose ({@link AdminPin}), so it runs on its own "pith-pin" thread, never the FX thread; the
 * stored record is read there too, every time, so a PIN changed in Settings (or by {@code pith kiosk set-pin} over
 * SSH) counts at once. Writes go through the database's writer thread.
 *
 * <p>Each method takes its PIN arrays over: it wipes them when done, so the caller keeps no copy.
 */
public final class AdminPins implements AutoCloseable {
  /** Whether a PIN is set. */
  public enum State {
    NOT_SET,
    SET,
    /** A record is stored but cannot be used ({@link PinRecordException}): a new PIN may be set without it. */
    DAMAGED
  }

  /** What a change of PIN came to. */
  public enum Change {
    SAVED,
    /** A PIN is set and the one given as the current PIN is not it: nothing was changed. */
    WRONG_CURRENT
  }

  private final Database db;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
    Thread t = new Thread(task, "pith-pin");
    t.setDaemon(true);
    return t;
  });

  public AdminPins(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Whether a PIN is set. */
  public CompletableFuture<State> state() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return KioskStore.pin(db).isPresent() ? State.SET : State.NOT_SET;
      } catch (PinRecordException e) {
        return State.DAMAGED;
      }
    }, thread);
  }

  /**
   * Whether {@code pin} is the admin PIN. Fails with {@link PinRecordException} when the stored record is damaged,
   * and with {@link IllegalStateException} when no PIN is set.
   */
  public CompletableFuture<Boolean> check(char[] pin) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        PinRecord stored = KioskStore.pin(db).orElseThrow(() -> new IllegalStateException(
            "no admin PIN is set: set one with pith kiosk set-pin"));
        return AdminPin.matches(pin, stored);
      } finally {
        Arrays.fill(pin, '\0');
      }
    }, thread);
  }

  /**
   * Sets the admin PIN to {@code next}. When one is set already, {@code current} must be it (any array when none
   * is, or when the stored one is damaged: nobody could type it). Fails with {@link IllegalArgumentException}
   * ({@link AdminPin#RULE}) when {@code next} is not 4–12 digits.
   */
  public CompletableFuture<Change> change(char[] current, char[] next) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Optional<PinRecord> stored;
        try {
          stored = KioskStore.pin(db);
        } catch (PinRecordException e) {
          stored = Optional.empty();
        }
        if (stored.isPresent() && !AdminPin.matches(current, stored.get())) {
          return Optional.<PinRecord>empty();
        }
        return Optional.of(AdminPin.hash(next));
      } finally {
        Arrays.fill(current, '\0');
        Arrays.fill(next, '\0');
      }
    }, thread).thenCompose(made -> made.isEmpty() ? CompletableFuture.completedFuture(Change.WRONG_CURRENT)
        : KioskStore.savePin(db, made.get()).thenApply(ignored -> Change.SAVED));
  }

  /** Stops the thread; a check under way finishes on its own. */
  @Override
  public void close() {
    thread.shutdown();
  }
}

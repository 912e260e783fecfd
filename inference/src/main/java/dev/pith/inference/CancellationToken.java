package dev.pith.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-way switch a caller flips to stop a generation. The backend checks it between decode steps
 * and registers a hook that aborts a long model run (prefill) in progress. Thread-safe.
 */
public final class CancellationToken {
  private volatile boolean cancelled;
  private final List<Runnable> hooks = new ArrayList<>();

  /** Requests cancellation; runs the registered hooks once. Idempotent. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (hooks) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = List.copyOf(hooks);
      hooks.clear();
    }
    toRun.forEach(Runnable::run);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Undoes {@link #onCancel}; closing twice is harmless. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Registers a hook run on cancellation (immediately if already cancelled). Returns a handle that
   * unregisters it.
   */
  public Registration onCancel(Runnable hook) {
    synchronized (hooks) {
      if (!cancelled) {
        hooks.add(hook);
        return () -> {
          synchronized (hooks) {
            hooks.remove(hook);
          }
        };
      }
    }
    hook.run();
    return () -> { };
  }
}

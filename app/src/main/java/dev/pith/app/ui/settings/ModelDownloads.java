package dev.pith.app.ui.settings;

import dev.pith.app.ui.UiThreads;
import dev.pith.inference.OneLine;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.ModelStore;
import dev.pith.inference.models.PullCancelledException;
import dev.pith.inference.models.PullListener;
import dev.pith.inference.models.PullProgress;
import dev.pith.inference.models.PullTask;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The downloads started in Settings → Models. They run one after another on the "pith-model-download" thread and
 * go on while Settings is closed; their progress reaches the FX thread coalesced (the latest report wins, one
 * {@code fx} task while one is pending, and the store reports at most ten times a second). What each download
 * did last (running, cancelled with what was kept, failed and why) stays here for the page to show when it
 * comes back. {@link #close()} (the window closes) cancels them; what they downloaded is kept for resuming.
 *
 * <p>Every method but the listener's calls runs on the FX thread.
 */
final class ModelDownloads implements AutoCloseable {
  /** Where a download stands. */
  enum Phase { WAITING, RUNNING, CANCELLED, FAILED, DONE }

  /**
   * A download as the page shows it.
   *
   * @param progress the latest report, or null before the first
   * @param keptBytes what a cancelled or failed download left on disk for resuming
   * @param problem why it failed, one line; empty otherwise
   */
  record State(String id, Phase phase, PullProgress progress, long keptBytes, String problem) {
    boolean active() {
      return phase == Phase.WAITING || phase == Phase.RUNNING;
    }
  }

  private final ModelStore store;
  private final Executor fx;
  private final ExecutorService thread = UiThreads.single("pith-model-download");
  private final Map<String, Download> downloads = new HashMap<>();
  private Consumer<State> listener = state -> { };

  /** @param fx runs a task on the FX thread ({@code Platform::runLater}) */
  ModelDownloads(ModelStore store, Executor fx) {
    this.store = Objects.requireNonNull(store, "store");
    this.fx = Objects.requireNonNull(fx, "fx");
  }

  /** Hears every change of a download's state, on the FX thread. */
  void onChange(Consumer<State> stateListener) {
    listener = Objects.requireNonNull(stateListener, "stateListener");
  }

  /** The state of the latest download of {@code id}, if one was started. */
  Optional<State> state(String id) {
    return Optional.ofNullable(downloads.get(id)).map(d -> d.state);
  }

  /** Starts (or resumes) downloading {@code entry}; does nothing while it is already downloading. */
  void start(CatalogEntry entry) {
    Download before = downloads.get(entry.id());
    if (before != null && before.state.active()) {
      return;
    }
    Download d = new Download(entry.id(), before == null ? 0 : before.state.keptBytes());
    downloads.put(entry.id(), d);
    d.task = store.pullAsync(entry, d, thread);
    d.task.result().whenComplete((model, failure) -> {
      // On the download thread: what a failure kept is measured here, off the FX thread.
      long kept = failure instanceof PullCancelledException c ? c.keptBytes()
          : failure != null ? store.partialBytes(entry.id()) : 0;
      State end = failure == null ? new State(d.id, Phase.DONE, d.state.progress(), 0, "")
          : new State(d.id, failure instanceof PullCancelledException ? Phase.CANCELLED : Phase.FAILED,
              d.state.progress(), kept, failure instanceof PullCancelledException ? "" : OneLine.of(failure.getMessage()));
      fx.execute(() -> d.set(end));
    });
    listener.accept(d.state);
  }

  /** Stops downloading {@code id}, keeping what was downloaded. */
  void cancel(String id) {
    Download d = downloads.get(id);
    if (d != null && d.task != null) {
      d.task.cancel();
    }
  }

  /** Whether any download is waiting or running. */
  boolean busy() {
    return downloads.values().stream().anyMatch(d -> d.state.active());
  }

  /** Cancels every download (each keeps what it downloaded) and lets the thread end. */
  @Override
  public void close() {
    downloads.values().forEach(d -> d.task.cancel());
    thread.shutdown();
  }

  /** One download: its task, the report waiting for the FX thread, and its state there. */
  private final class Download implements PullListener {
    private final String id;
    private final AtomicReference<PullProgress> pending = new AtomicReference<>();
    private PullTask task;
    private State state;

    Download(String id, long keptBefore) {
      this.id = id;
      this.state = new State(id, Phase.WAITING, null, keptBefore, "");
    }

    /** On the download thread: keeps the latest report; schedules one FX task while none is pending. */
    @Override
    public void progress(PullProgress progress) {
      if (pending.getAndSet(progress) == null) {
        fx.execute(() -> {
          PullProgress latest = pending.getAndSet(null);
          if (latest != null && state.active()) {
            set(new State(id, Phase.RUNNING, latest, 0, ""));
          }
        });
      }
    }

    void set(State next) {
      state = next;
      listener.accept(next);
    }
  }
}

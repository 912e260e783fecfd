package dev.pith.app.ui;

import dev.pith.inference.TokenSink;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries an answer from the inference thread to the JavaFX thread without one {@code runLater} per token
 * (DESIGN.md "Threads"): {@link #onToken} appends to a buffer and schedules a flush only when none is
 * pending; the flush takes everything gathered so far. However fast the model, the UI gets at most one
 * update per pulse, and no text is lost or reordered.
 *
 * <p>This is the idiom of JavaFX's own {@code Task.updateMessage} ({@code getAndSet(...) == null} means one
 * {@code runLater}), changed from "latest wins" to "append".
 */
public final class CoalescingTextSink implements TokenSink {
  /** Text that arrived since the last flush, and how many tokens it came in. */
  public record Chunk(String text, int tokens) {}

  private final Executor uiThread;
  private final Consumer<Chunk> onChunk;
  private final Object lock = new Object();
  private final StringBuilder pending = new StringBuilder();
  private int pendingTokens;
  private boolean flushScheduled;

  /**
   * @param uiThread runs the flush: {@code Platform::runLater} in the window
   * @param onChunk receives each chunk on {@code uiThread}, in order
   */
  public CoalescingTextSink(Executor uiThread, Consumer<Chunk> onChunk) {
    this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    this.onChunk = Objects.requireNonNull(onChunk, "onChunk");
  }

  @Override
  public void onToken(int tokenId, String text) {
    synchronized (lock) {
      pending.append(text);
      if (tokenId != NO_TOKEN) {
        pendingTokens++;
      }
      if (flushScheduled) {
        return;
      }
      flushScheduled = true;
    }
    uiThread.execute(this::flush);
  }

  private void flush() {
    Chunk chunk;
    synchronized (lock) {
      chunk = new Chunk(pending.toString(), pendingTokens);
      pending.setLength(0);
      pendingTokens = 0;
      flushScheduled = false;
    }
    onChunk.accept(chunk);
  }
}

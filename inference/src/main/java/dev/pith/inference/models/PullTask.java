package dev.pith.inference.models;

import dev.pith.inference.CancellationToken;
import java.util.concurrent.CompletableFuture;

/**
 * A pull running on a download thread. {@link #result()} completes on that thread with the installed model, or
 * exceptionally with a {@link ModelException} ({@link PullCancelledException} after {@link #cancel()}).
 */
public final class PullTask {
  private final String modelId;
  private final CancellationToken token;
  private final CompletableFuture<InstalledModel> result;

  PullTask(String modelId, CancellationToken token, CompletableFuture<InstalledModel> result) {
    this.modelId = modelId;
    this.token = token;
    this.result = result;
    // Cancelling the future itself also stops the download (it completes at once; the thread winds down).
    result.whenComplete((model, failure) -> {
      if (result.isCancelled()) {
        token.cancel();
      }
    });
  }

  public String modelId() {
    return modelId;
  }

  /** Completes when the pull ends; callbacks chained on it run on the download thread. */
  public CompletableFuture<InstalledModel> result() {
    return result;
  }

  /**
   * Stops the download within a fraction of a second, from any thread; what was downloaded is kept for the next
   * pull to resume. Does nothing once the pull has ended.
   */
  public void cancel() {
    token.cancel();
  }

  public boolean isCancelled() {
    return token.isCancelled();
  }
}

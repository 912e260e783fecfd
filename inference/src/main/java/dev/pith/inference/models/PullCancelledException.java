package dev.pith.inference.models;

/**
 * A pull stopped by its cancellation token. What was downloaded stays in the staging folder, so pulling the
 * same model again resumes; the model is not installed.
 */
public final class PullCancelledException extends ModelException {
  private static final long serialVersionUID = 1L;

  private final long keptBytes;

  public PullCancelledException(String message, long keptBytes) {
    super(message);
    this.keptBytes = keptBytes;
  }

  /** Bytes kept on disk for the next pull to resume from. */
  public long keptBytes() {
    return keptBytes;
  }
}

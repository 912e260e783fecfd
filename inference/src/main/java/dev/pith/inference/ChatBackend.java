package dev.pith.inference;

/**
 * The one interface the app talks to: messages in, streamed text out. One generation runs at a time
 * per backend; callers use a dedicated inference thread.
 */
public interface ChatBackend extends AutoCloseable {

  /** The backend id: {@code cpu}, {@code hailo} or {@code cloud}. */
  String id();

  /** What the loaded model is. */
  ModelInfo model();

  /**
   * Generates an answer, streaming text to {@code sink} on the calling thread, and returns its cost.
   * Returns (with {@link StopReason#CANCELLED}) within one decode step after {@code cancel} is
   * flipped.
   *
   * @throws GenerationException with a one-line message when the request cannot be served
   */
  GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException;

  /** Releases native resources. */
  @Override
  void close();
}

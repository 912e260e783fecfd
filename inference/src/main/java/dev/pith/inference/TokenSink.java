package dev.pith.inference;

/**
 * Receives an answer as it is generated, on the generating thread. Implementations must return
 * quickly (the UI's sink only appends to a buffer and schedules at most one UI update per frame).
 */
@FunctionalInterface
public interface TokenSink {

  /** The token id given with held-back text released at the end of an answer that has no token to carry it. */
  int NO_TOKEN = -1;

  /**
   * Called once per generated token, the final end-of-sequence token included (its text is empty or
   * whatever was still held back).
   *
   * @param tokenId the token id, or {@link #NO_TOKEN} for held-back text released when an answer is
   *     cancelled (or, on the {@code hailo} backend, when it ends), at most one such call, at the end. The
   *     {@code hailo} backend's server streams text without ids: there it is the piece's position in the
   *     answer (0, 1, 2, ...)
   * @param text the text this token completes; may be empty while the bytes of a character split
   *     across tokens (or a possible stop string) are held back, and may then carry text of earlier
   *     tokens. The concatenation of all pieces is exactly the answer's text.
   */
  void onToken(int tokenId, String text);

  /** A sink that drops everything. */
  TokenSink NONE = (id, text) -> { };
}

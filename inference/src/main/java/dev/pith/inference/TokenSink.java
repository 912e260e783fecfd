package dev.pith.inference;

/**
 * Receives an answer as it is generated, on the generating thread. Implementations must return
 * quickly (the UI's sink only appends to a buffer and schedules at most one UI update per frame).
 */
@FunctionalInterface
public interface TokenSink {

  /**
   * Called once per generated token that is part of the answer (end-of-sequence tokens are not
   * passed on).
   *
   * @param tokenId the token id
   * @param text the text this token completes; may be empty while the bytes of a character split
   *     across tokens (or a possible stop string) are held back, and may then carry text of earlier
   *     tokens. The concatenation of all pieces is exactly the answer's text.
   */
  void onToken(int tokenId, String text);

  /** A sink that drops everything. */
  TokenSink NONE = (id, text) -> { };
}

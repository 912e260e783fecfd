package dev.pith.inference;

/** Why an answer ended. {@link #wireName()} is the name used in JSON output and storage. */
public enum StopReason {
  /** The model produced one of its end-of-sequence tokens. */
  EOS("eos"),
  /** The token limit was reached: the request's max tokens, or the end of the context window. */
  MAX_TOKENS("max_tokens"),
  /** The text reached one of the request's stop strings. */
  STOP("stop"),
  /** The caller cancelled. */
  CANCELLED("cancelled");

  private final String wireName;

  StopReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}

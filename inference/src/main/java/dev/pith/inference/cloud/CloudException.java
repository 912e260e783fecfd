package dev.pith.inference.cloud;

/**
 * A cloud request that failed, with a one-line message meant for the user. It never contains the API key or the
 * Authorization header (a server's reply to a refused key, which may echo part of the key, is not quoted).
 */
public final class CloudException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (a refused key sends the user to set another). */
  public enum Kind {
    /** 401 or 403. */
    KEY_REFUSED,
    /** 429; {@link #retryAfterSeconds()} when the server said. */
    RATE_LIMITED,
    /** Another 4xx: the server did not accept the request (a model name it does not know, ...). */
    REJECTED,
    /** 5xx. */
    SERVER_ERROR,
    /** No connection could be made: connection refused, unknown host, no network, connect timeout. */
    UNREACHABLE,
    /** The server went silent for too long after the request or in the middle of its reply. */
    TIMEOUT,
    /** The connection broke or ended before the reply was complete. */
    BROKEN,
    /** The reply was not what an OpenAI-compatible server sends (a line that is not JSON, ...). */
    BAD_REPLY
  }

  private final Kind kind;
  private final long retryAfterSeconds;
  private final int received;

  CloudException(Kind kind, String message, long retryAfterSeconds, int received, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
    this.received = received;
  }

  public Kind kind() {
    return kind;
  }

  /** Seconds the server asked to wait (429 with Retry-After), or -1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** How many characters of the answer arrived before the failure. */
  public int received() {
    return received;
  }

  /** Whether the request may have reached the server: false only when no connection was made. */
  public boolean requestMayHaveLeft() {
    return kind != Kind.UNREACHABLE;
  }
}

package dev.pith.inference.models;

/**
 * Why one attempt at a file ended early: worth another attempt (a dropped connection, a stall, a 5xx), final
 * (a 404, a full disk, a wrong checksum), or cancelled by the user. The message is one line without the file's
 * name; the caller adds it.
 */
final class AttemptFailure extends Exception {
  private static final long serialVersionUID = 1L;

  enum Kind { RETRY, FATAL, CANCELLED }

  private final Kind kind;

  private AttemptFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  static AttemptFailure retry(String message) {
    return new AttemptFailure(Kind.RETRY, message, null);
  }

  static AttemptFailure retry(String message, Throwable cause) {
    return new AttemptFailure(Kind.RETRY, message, cause);
  }

  static AttemptFailure fatal(String message) {
    return new AttemptFailure(Kind.FATAL, message, null);
  }

  static AttemptFailure fatal(String message, Throwable cause) {
    return new AttemptFailure(Kind.FATAL, message, cause);
  }

  static AttemptFailure cancelled() {
    return new AttemptFailure(Kind.CANCELLED, "cancelled", null);
  }

  Kind kind() {
    return kind;
  }
}

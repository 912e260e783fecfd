package dev.pith.app.cli;

/** A failure the user can act on; its message is the one line printed on stderr (exit code 1). */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}

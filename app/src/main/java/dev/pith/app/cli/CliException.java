package dev.pith.app.cli;

/**
 * A failure the user can act on; its message is the one line printed on stderr. The exit code is 1, or 2 for a
 * request refused as given (a usage problem that only shows after parsing, such as a PIN that is not 4-12 digits).
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliException(String message) {
    this(message, 1);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = 1;
  }

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

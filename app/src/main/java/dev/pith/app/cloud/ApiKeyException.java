package dev.pith.app.cloud;

/** The API key file cannot be used; the message is one line and never contains the key. */
public final class ApiKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiKeyException(String message) {
    super(message);
  }

  public ApiKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}

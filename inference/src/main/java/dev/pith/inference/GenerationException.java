package dev.pith.inference;

/** A request the backend cannot serve. The message is one line a user can act on. */
public class GenerationException extends Exception {
  private static final long serialVersionUID = 1L;

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}

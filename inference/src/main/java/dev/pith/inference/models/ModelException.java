package dev.pith.inference.models;

/**
 * A catalog, download, install or import that cannot go on. The message is one line meant for the user: it
 * names the model, file or catalog field and what is wrong, so the CLI prints it as it is and a UI can show it
 * in a status line.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}

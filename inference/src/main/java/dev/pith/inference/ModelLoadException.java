package dev.pith.inference;

/**
 * A model folder Pith cannot use: missing files, a corrupt ONNX file, names it does not understand.
 * The message is one line that names the file and what is wrong with it.
 */
public class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}

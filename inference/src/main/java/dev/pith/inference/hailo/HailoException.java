package dev.pith.inference.hailo;

import dev.pith.inference.GenerationException;

/**
 * hailo-ollama failed, or the way to it did: nothing answers, it answers too slowly, the connection breaks, it
 * sends something that is not its protocol, or it reports an error (with HTTP 500, or with HTTP 200 and an
 * {@code error} key). The message is one line naming the server's URL and what happened. It is a
 * {@link GenerationException} so that a failed answer reports it as it is, and so that {@link AutoBackend} can
 * tell a server that stopped working from a request the backend refused.
 */
public class HailoException extends GenerationException {
  private static final long serialVersionUID = 1L;

  public HailoException(String message) {
    super(message);
  }

  public HailoException(String message, Throwable cause) {
    super(message, cause);
  }
}

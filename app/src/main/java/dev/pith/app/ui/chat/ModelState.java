package dev.pith.app.ui.chat;

import dev.pith.inference.ChatBackend;
import dev.pith.inference.hailo.HailoBackend;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The model the window talks to, and how far it is from answering.
 *
 * @param status none, loading, ready or failed
 * @param dir the model folder (null when none was chosen)
 * @param backend the running backend once ready, else null
 * @param problem a one-line reason when loading failed, else empty
 */
public record ModelState(Status status, Path dir, ChatBackend backend, String problem) {
  /** Where the model is. */
  public enum Status { NONE, LOADING, READY, FAILED }

  public ModelState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(problem, "problem");
  }

  public static final ModelState NONE = new ModelState(Status.NONE, null, null, "");

  static ModelState loading(Path dir) {
    return new ModelState(Status.LOADING, dir, null, "");
  }

  static ModelState ready(Path dir, ChatBackend backend) {
    return new ModelState(Status.READY, dir, backend, "");
  }

  static ModelState failed(Path dir, String problem) {
    return new ModelState(Status.FAILED, dir, null, problem);
  }

  public boolean isReady() {
    return status == Status.READY;
  }

  /**
   * The name shown (and stored with answers) for the model: the folder's name, or on the NPU the name hailo-ollama
   * serves the model under, since that, not the CPU folder, is what answers.
   */
  public String name() {
    if (backend != null && HailoBackend.ID.equals(backend.id())) {
      return backend.model().name();
    }
    return dir == null ? "" : dir.getFileName().toString();
  }
}

package dev.pith.app.cli;

import dev.pith.inference.ChatBackend;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens a model folder as a running backend: {@code CpuBackend::load} on the command line and in tests, the
 * window's choice of NPU or CPU in the window.
 */
@FunctionalInterface
public interface BackendLoader {

  /** Loads the model; the caller owns (and closes) the returned backend. */
  ChatBackend load(Path modelDir, CpuBackendOptions options) throws ModelLoadException;

  /**
   * Where a loader whose backends can change hands mid-session (Auto: the NPU, then the CPU when the NPU stops
   * answering) says so, with one line for the user; called on the generating thread. Others never call it.
   */
  default void onFallback(Consumer<String> listener) {}
}

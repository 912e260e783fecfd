package dev.pith.app.cli;

import dev.pith.inference.ChatBackend;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.nio.file.Path;

/** Opens a model folder on the CPU backend; {@code CpuBackend::load} in production, a fake in tests. */
@FunctionalInterface
public interface BackendLoader {

  /** Loads the model; the caller owns (and closes) the returned backend. */
  ChatBackend load(Path modelDir, CpuBackendOptions options) throws ModelLoadException;
}

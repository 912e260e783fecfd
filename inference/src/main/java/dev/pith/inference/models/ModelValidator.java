package dev.pith.inference.models;

import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackend;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.nio.file.Path;
import java.util.Set;

/** Decides whether a folder is a model Pith can run, before it is imported. */
@FunctionalInterface
public interface ModelValidator {

  /**
   * Loads the folder the way the CPU backend does, on one thread, without the warm-up run and without writing
   * Pith's optimized copy of the graph next to it (an import must not change the folder it reads): the configs,
   * the ONNX graph and its inputs and outputs, the tokenizer and the chat template are all checked, and the
   * model is closed again.
   */
  ModelValidator CPU_BACKEND = dir -> {
    CpuBackendOptions options = CpuBackendOptions.defaults().withThreads(1).withWarmUp(false).withRewrites(Set.of());
    try (CpuBackend backend = CpuBackend.load(dir, options)) {
      // Loading is the check.
    }
  };

  /**
   * Checks {@code dir}.
   *
   * @throws ModelLoadException one line naming the file and what is wrong
   */
  void validate(Path dir) throws ModelLoadException;
}

package dev.pith.app.cli;

import dev.pith.inference.ChatBackend;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackendOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model folder opened on a backend, with how long that took. Closing it closes the backend.
 *
 * @param backend the running backend (owned by this record)
 * @param dir the model folder
 * @param options how the CPU backend was configured
 * @param loadMillis wall time of the load
 */
record LoadedModel(ChatBackend backend, Path dir, CpuBackendOptions options, double loadMillis)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

  /**
   * Finds {@code model} (a folder or an id under the data dir) and loads it on the CPU backend.
   *
   * @throws CliException when the model is not found
   * @throws ModelLoadException when the folder is not a model Pith can load
   */
  static LoadedModel open(PithCommand root, String model, int threads) throws ModelLoadException {
    return open(root, model, CpuBackendOptions.defaults().withThreads(threads));
  }

  /** Like {@link #open(PithCommand, String, int)} with every CPU backend option given. */
  static LoadedModel open(PithCommand root, String model, CpuBackendOptions options) throws ModelLoadException {
    return open(root, ModelLocator.locate(model, root.dataDir()), options);
  }

  /**
   * Loads the model folder {@code dir} on the CPU backend.
   *
   * @throws ModelLoadException when the folder is not a model Pith can load
   */
  static LoadedModel open(PithCommand root, Path dir, CpuBackendOptions options) throws ModelLoadException {
    LOG.debug("loading {} on the cpu backend with {} threads", dir, options.effectiveThreads());
    long start = System.nanoTime();
    ChatBackend backend = root.context().backends().load(dir, options);
    double loadMillis = (System.nanoTime() - start) / 1e6;
    LOG.debug("loaded {} in {} ms", dir, Math.round(loadMillis));
    return new LoadedModel(backend, dir, options, loadMillis);
  }

  @Override
  public void close() {
    backend.close();
  }
}

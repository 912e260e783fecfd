package dev.pith.app.cli;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.hailo.HailoBackend;
import dev.pith.inference.hailo.HailoModel;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.ModelException;
import java.io.PrintWriter;

/**
 * Opens {@code --model} on the NPU for the command line: a catalog id of an NPU model or a name hailo-ollama lists,
 * counted with the installed CPU twin's tokenizer when there is one, with the output of a hailo-ollama Pith starts
 * in {@code <data-dir>/hailo-ollama.log} and a pull's progress on stderr.
 */
final class NpuBackends {
  /** The log of a hailo-ollama that Pith starts, under the data dir. */
  static final String SERVER_LOG = "hailo-ollama.log";

  private NpuBackends() {}

  /**
   * @throws ModelException when the catalog cannot be read or {@code model} is one of its CPU models
   * @throws ModelLoadException when the server cannot be reached or started, or the model cannot be found or pulled
   */
  static HailoBackend open(PithCommand root, String model, HailoOptions options, PrintWriter err)
      throws ModelException, ModelLoadException {
    Catalog catalog = root.catalog();
    HailoModel wanted = HailoModel.resolve(catalog, model);
    DataDir dataDir = root.dataDir();
    HailoOptions chosen = options.withServerLog(dataDir.path().resolve(SERVER_LOG));
    chosen = wanted.tokenizerFolder(catalog, dataDir.modelsDir()).map(chosen::withTokenizerFolder).orElse(chosen);
    return HailoBackend.connect(chosen, wanted, new HailoPullPrinter(err), new CancellationToken());
  }
}

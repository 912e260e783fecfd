package dev.pith.app.cli;

import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models import DIR}: validates a model folder and installs a copy of it. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Check a model folder (configs, ONNX graph, tokenizer) by loading it once, then copy it into",
        "<data-dir>/models/ID. The folder itself is not changed."})
final class ModelsImportCommand implements Callable<Integer> {
  @ParentCommand private ModelsCommand models;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The model folder (onnxruntime-genai or Optimum layout).")
  private Path dir;

  @Option(names = "--id", paramLabel = "ID", description = "The id to install it as (default: the folder's name).")
  private String id;

  @Override
  public Integer call() throws ModelException {
    String chosen = id != null ? id : ModelStore.idFor(dir);
    InstalledModel model = models.root().modelStore().importFolder(dir, chosen);
    int files = model.manifest().orElseThrow().files().size();
    spec.commandLine().getOut().println("Imported " + dir.toAbsolutePath().normalize() + " as " + model.id() + " in "
        + model.dir() + " (" + files + " files, " + ByteSize.format(model.sizeBytes()) + ")");
    return 0;
  }
}

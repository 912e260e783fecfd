package dev.pith.app.cli;

import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.Manifest;
import dev.pith.inference.models.ManifestFile;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import dev.pith.inference.models.PullCancelledException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models pull ID}: downloads a catalog model, resumably, and installs it once verified. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Download a model of the catalog into <data-dir>/models/ID.",
        "Ctrl+C stops it; what was downloaded is kept, and pulling again resumes."})
final class ModelsPullCommand implements Callable<Integer> {
  @ParentCommand private ModelsCommand models;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The model's id in the catalog (see pith models list).")
  private String id;

  @Override
  public Integer call() throws ModelException {
    PithCommand root = models.root();
    CatalogEntry entry = root.catalog().require(id);
    ModelStore store = root.modelStore();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<InstalledModel> present = store.find(id);
    if (present.isPresent() && present.get().manifest().isPresent()) {
      out.println(id + " is already installed in " + present.get().dir());
      return 0;
    }
    PullProgressPrinter printer = new PullProgressPrinter(err, root.context().terminal().interactive(),
        System::nanoTime);
    try (InterruptCancels interrupt = InterruptCancels.install()) {
      InstalledModel model = store.pull(entry, printer, interrupt.token());
      printer.finish();
      out.println("Installed " + id + " in " + model.dir() + " (" + summary(model.manifest().orElseThrow()) + ")");
      return 0;
    } catch (PullCancelledException e) {
      printer.finish();
      err.println("pith: " + e.getMessage() + " (pith models pull " + id + " resumes)");
      return GenerateCommand.EXIT_CANCELLED;
    } catch (ModelException e) {
      printer.finish();
      throw e;
    }
  }

  /** e.g. {@code 5 files, 1.9 GB, SHA-256 checked for 2 of 5 files}. */
  private static String summary(Manifest manifest) {
    long checked = manifest.files().stream().filter(f -> !f.checkedAgainst().equals(ManifestFile.NONE)).count();
    int count = manifest.files().size();
    return count + " files, " + ByteSize.format(manifest.totalSize()) + ", SHA-256 checked for " + checked + " of "
        + count + " files" + (checked < count ? " (the others: the catalog and server state no hash)" : "");
  }
}

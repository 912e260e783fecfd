package dev.pith.app.cli;

import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models rm ID}: deletes an installed model, or what an unfinished download of it left. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Delete an installed model (or the unfinished download of one).")
final class ModelsRemoveCommand implements Callable<Integer> {
  @ParentCommand private ModelsCommand models;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The model's id.")
  private String id;

  @Override
  public Integer call() throws ModelException {
    ModelStore store = models.root().modelStore();
    store.remove(id);
    spec.commandLine().getOut().println("Removed " + id + " from " + store.modelsDir());
    return 0;
  }
}

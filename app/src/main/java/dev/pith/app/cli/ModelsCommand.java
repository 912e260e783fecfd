package dev.pith.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models}: the catalog and the models folder. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List, download, import, verify and remove models (in <data-dir>/models).",
    subcommands = {ModelsListCommand.class, ModelsPullCommand.class, ModelsImportCommand.class,
        ModelsVerifyCommand.class, ModelsRemoveCommand.class})
final class ModelsCommand implements Callable<Integer> {
  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  PithCommand root() {
    return root;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a subcommand is needed: list, pull, import, verify or rm");
  }
}

package dev.pith.app.cli;

import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models verify ID}: re-hashes an installed model's files against its manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check every file of an installed model against the sizes and SHA-256s recorded when it was",
        "installed. Prints one line per problem; exit code 1 when there is any."})
final class ModelsVerifyCommand implements Callable<Integer> {
  @ParentCommand private ModelsCommand models;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The installed model's id.")
  private String id;

  @Override
  public Integer call() throws ModelException {
    ModelStore store = models.root().modelStore();
    List<String> problems = store.verify(id);
    PrintWriter out = spec.commandLine().getOut();
    if (problems.isEmpty()) {
      InstalledModel model = store.require(id);
      int files = model.manifest().orElseThrow().files().size();
      out.println(id + ": all " + files + " files match (" + ByteSize.format(model.manifest().get().totalSize())
          + ")");
      return 0;
    }
    problems.forEach(out::println);
    throw new CliException(id + ": " + problems.size() + (problems.size() == 1 ? " file does" : " files do")
        + " not match what was installed; remove it and pull or import it again");
  }
}

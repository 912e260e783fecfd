package dev.pith.app.cli;

import dev.pith.storage.Database;
import dev.pith.storage.transfer.ImportException;
import dev.pith.storage.transfer.ImportResult;
import dev.pith.storage.transfer.JsonImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith import FILE}: adds the conversations of a JSON export. Idempotent by id (importing a file
 * twice adds nothing the second time) and all-or-nothing: a refused file leaves the database unchanged.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a JSON export (from `pith export`); what is already here is skipped.")
final class ImportCommand implements Callable<Integer> {
  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A file written by `pith export --format json`.")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ImportResult result;
    try (Database db = Databases.open(root.dataDir(), err)) {
      result = new JsonImport(db).read(file);
    } catch (ImportException e) {
      throw new CliException("Nothing imported from " + file + ": " + e.getMessage(), e);
    }
    spec.commandLine().getOut().println("Imported " + ExportCommand.count(result.conversationsAdded(), "conversation")
        + " and " + ExportCommand.count(result.messagesAdded(), "message") + skipped(result) + ".");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String skipped(ImportResult r) {
    if (r.conversationsSkipped() == 0 && r.messagesSkipped() == 0) {
      return "";
    }
    return "; already here: " + ExportCommand.count(r.conversationsSkipped(), "conversation") + ", "
        + ExportCommand.count(r.messagesSkipped(), "message");
  }
}

package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.hailo.HailoModel;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.ModelException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith doctor}: what Pith sees on this machine, then the database; {@code --json} prints the same report as
 * one JSON document. The engine part is checked (and, as text, printed) first, so it is there even when the database
 * cannot be opened.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {"Show what Pith sees on this machine and check the database.",
        "Exit codes: 0 healthy, 1 the database cannot be opened (or --full found damage), "
            + "3 the database was damaged and this run replaced it (the newest good backup, else an empty one)."})
final class DoctorCommand implements Callable<Integer> {
  private static final String ROW = "%-14s %s%n";

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--full", description = "Also run SQLite's integrity_check (slower on a large database).")
  private boolean full;

  @Option(names = "--json", description = "Print the report as one JSON document (same checks, same exit codes).")
  private boolean json;

  @Mixin private HailoUrlOption hailoUrl;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DataDir dataDir = root.dataDir();
    Map<String, String> environment = root.context().environment();
    HailoOptions npu = Usage.check(spec, () -> hailoUrl.options(environment));
    EngineReport engine = EngineReport.check(dataDir, npu, npuModels(), environment);
    if (!json) {
      engine.print(out);
      out.flush();
    }
    DatabaseDoctor.Report database = DatabaseDoctor.check(dataDir, full, err);
    if (json) {
      ObjectNode document = engine.toJson();
      document.set("database", database.toJson());
      out.println(JsonLines.document(document));
    } else {
      database.print(out);
    }
    out.flush();
    return database.exitCode(err);
  }

  /** One row of the report: a label in the first column, then the value. */
  static void row(PrintWriter out, String label, Object value) {
    out.printf(ROW, label, value);
  }

  /** The catalog's NPU models, looked for on the server; none when the catalog cannot be read. */
  private List<HailoModel> npuModels() {
    try {
      return root.catalog().models().stream().filter(e -> CatalogEntry.HAILO.equals(e.backend()))
          .map(HailoModel::of).collect(Collectors.toList());
    } catch (ModelException e) {
      return List.of();
    }
  }
}

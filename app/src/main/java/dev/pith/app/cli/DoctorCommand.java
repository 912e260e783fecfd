package dev.pith.app.cli;

import dev.pith.app.PithVersion;
import dev.pith.inference.onnx.OrtRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith doctor}: what Pith sees on this machine. Engine parts only for now. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Show what Pith sees on this machine.")
final class DoctorCommand implements Callable<Integer> {
  private static final String ROW = "%-14s %s%n";

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DataDir dataDir = root.dataDir();
    out.printf(ROW, "Pith", PithVersion.get());
    out.printf(ROW, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    out.printf(ROW, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " (" + System.getProperty("os.arch") + ")");
    out.printf(ROW, "CPUs", Runtime.getRuntime().availableProcessors());
    out.printf(ROW, "Data dir", dataDir.path() + " (from " + dataDir.source() + "; " + folderState(dataDir.path()) + ")");
    out.printf(ROW, "Models dir", dataDir.modelsDir() + " (" + folderState(dataDir.modelsDir()) + ")");
    printModels(out, ModelFolders.describe(dataDir.modelsDir()));
    out.printf(ROW, "ONNX Runtime", onnxRuntime());
    out.printf(ROW, "NPU", "not checked yet (later issue)");
    out.flush();
    return 0;
  }

  private static void printModels(PrintWriter out, List<String> models) {
    if (models.isEmpty()) {
      out.printf(ROW, "Models", "none");
      return;
    }
    String label = "Models";
    for (String model : models) {
      out.printf(ROW, label, model);
      label = "";
    }
  }

  private static String folderState(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir) ? "not a folder" : "does not exist yet";
    }
    return Files.isWritable(dir) ? "exists, writable" : "exists, NOT writable";
  }

  /** The ONNX Runtime version and execution providers, or why the native library did not load. */
  private static String onnxRuntime() {
    try {
      return OrtRuntime.version() + " (providers: " + String.join(", ", OrtRuntime.providers()) + ")";
    } catch (RuntimeException | LinkageError e) {
      return "not available: " + Cli.oneLine(String.valueOf(e.getMessage()));
    }
  }
}

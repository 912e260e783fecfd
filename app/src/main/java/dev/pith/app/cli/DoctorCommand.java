package dev.pith.app.cli;

import dev.pith.app.PithVersion;
import dev.pith.inference.hailo.HailoDetection;
import dev.pith.inference.hailo.HailoModel;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.hailo.HailoReport;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.onnx.OrtRuntime;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith doctor}: what Pith sees on this machine, then the database. The engine part is printed first,
 * so it is there even when the database cannot be opened.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {"Show what Pith sees on this machine and check the database.",
        "Exit codes: 0 healthy, 1 the database cannot be opened (or --full found damage), "
            + "3 the database was damaged and this run replaced it (the newest good backup, else an empty one)."})
final class DoctorCommand implements Callable<Integer> {
  private static final String ROW = "%-14s %s%n";
  private static final String NONE = "none";
  private static final long POWER_PAUSE_MILLIS = 200;

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  @Option(names = "--full", description = "Also run SQLite's integrity_check (slower on a large database).")
  private boolean full;

  @Mixin private HailoUrlOption hailoUrl;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DataDir dataDir = root.dataDir();
    HailoOptions npu = Usage.check(spec, () -> hailoUrl.options(root.context().environment()));
    row(out, "Pith", PithVersion.get());
    row(out, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " (" + System.getProperty("os.arch") + ")");
    row(out, "CPUs", Runtime.getRuntime().availableProcessors());
    row(out, "Data dir", dataDir.path() + " (from " + dataDir.source() + "; " + folderState(dataDir.path()) + ")");
    row(out, "Models dir", dataDir.modelsDir() + " (" + folderState(dataDir.modelsDir()) + ")");
    printModels(out, ModelFolders.describe(dataDir.modelsDir()));
    row(out, "ONNX Runtime", onnxRuntime());
    printNpu(out, HailoDetection.detect(npu, npuModels()));
    row(out, "Power", power(root.context().environment()));
    out.flush();
    return new DatabaseDoctor(dataDir, full, out, spec.commandLine().getErr()).print();
  }

  /** One row of the report: a label in the first column, then the value. */
  static void row(PrintWriter out, String label, Object value) {
    out.printf(ROW, label, value);
  }

  private static void printModels(PrintWriter out, List<String> models) {
    if (models.isEmpty()) {
      row(out, "Models", "none");
      return;
    }
    String label = "Models";
    for (String model : models) {
      row(out, label, model);
      label = "";
    }
  }

  /** One row per detection step ("NPU device", "NPU driver", ...), then the outcome. */
  private static void printNpu(PrintWriter out, HailoReport report) {
    for (HailoReport.Step step : report.steps()) {
      row(out, "NPU " + step.name(), step.status().name().toLowerCase(Locale.ROOT) + ": " + step.detail());
    }
    row(out, "NPU", report.outcome());
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

  /**
   * The meter the window would use and what it reads now, or why there is none. The reading is the second of two
   * taken {@link #POWER_PAUSE_MILLIS} apart: a counter (RAPL, hwmon energy) needs time between reads.
   */
  private static String power(Map<String, String> environment) {
    try (PowerMeter meter = PowerMeters.detect(PowerMeters.sysfsRoot(environment), environment)) {
      if (NONE.equals(meter.source())) {
        return NONE + ": " + meter.unavailableReason().orElseThrow(); // PowerMeter.none always says why
      }
      meter.watts();
      pause();
      OptionalDouble watts = meter.watts();
      String reading = watts.isPresent() ? String.format(Locale.ROOT, "%.2f W", watts.getAsDouble())
          : "no reading (" + meter.unavailableReason().orElse("the meter gave none") + ")";
      return meter.source() + ": " + reading + " (covers " + meter.scope() + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POWER_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the reading after it is still worth showing
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

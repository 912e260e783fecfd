package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.app.PithVersion;
import dev.pith.inference.hailo.HailoDetection;
import dev.pith.inference.hailo.HailoModel;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.hailo.HailoReport;
import dev.pith.inference.onnx.OrtRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The engine part of {@code pith doctor}: what Pith sees on this machine, checked once and then printed as the
 * text report's rows ({@link #print}) or as JSON ({@link #toJson}), so both say the same.
 *
 * @param pith Pith's version
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param osName {@code os.name}
 * @param osVersion {@code os.version}
 * @param osArch {@code os.arch}
 * @param cpus the processors available to the JVM
 * @param dataDir the data folder and what chose it
 * @param dataDirState whether it exists and is writable
 * @param modelsDirState the same for {@code <data-dir>/models}
 * @param models the folders under {@code <data-dir>/models}
 * @param onnxRuntime the ONNX Runtime's version and providers, or why it did not load
 * @param npu the NPU detection, step by step
 * @param power the power meter and its reading
 */
record EngineReport(String pith, String javaVersion, String javaVendor, String osName, String osVersion,
    String osArch, int cpus, DataDir dataDir, FolderState dataDirState, FolderState modelsDirState,
    List<ModelFolders.Folder> models, OnnxRuntimeCheck onnxRuntime, HailoReport npu, PowerCheck power) {

  EngineReport {
    models = List.copyOf(models);
  }

  /**
   * Looks at everything but the database.
   *
   * @param npuModels the catalog's NPU models, looked for on the server
   * @param environment {@code PITH_SYSFS_ROOT}, {@code PITH_VCGENCMD}, {@code PATH} for the power meter
   */
  static EngineReport check(DataDir dataDir, HailoOptions npu, List<HailoModel> npuModels,
      Map<String, String> environment) {
    return new EngineReport(PithVersion.get(), System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), dataDir, FolderState.of(dataDir.path()),
        FolderState.of(dataDir.modelsDir()), ModelFolders.folders(dataDir.modelsDir()), OnnxRuntimeCheck.load(),
        HailoDetection.detect(npu, npuModels), PowerCheck.read(environment));
  }

  /** The text report's rows, as {@code pith doctor} prints them. */
  void print(PrintWriter out) {
    DoctorCommand.row(out, "Pith", pith);
    DoctorCommand.row(out, "Java", javaVersion + " (" + javaVendor + ")");
    DoctorCommand.row(out, "OS", osName + " " + osVersion + " (" + osArch + ")");
    DoctorCommand.row(out, "CPUs", cpus);
    DoctorCommand.row(out, "Data dir", dataDir.path() + " (from " + dataDir.source() + "; " + dataDirState.text()
        + ")");
    DoctorCommand.row(out, "Models dir", dataDir.modelsDir() + " (" + modelsDirState.text() + ")");
    if (models.isEmpty()) {
      DoctorCommand.row(out, "Models", "none");
    }
    String label = "Models";
    for (ModelFolders.Folder model : models) {
      DoctorCommand.row(out, label, model);
      label = "";
    }
    DoctorCommand.row(out, "ONNX Runtime", onnxRuntime.text());
    for (HailoReport.Step step : npu.steps()) {
      DoctorCommand.row(out, "NPU " + step.name(), wireName(step.status()) + ": " + step.detail());
    }
    DoctorCommand.row(out, "NPU", npu.outcome());
    DoctorCommand.row(out, "Power", power.text());
  }

  /** The same as one JSON object; {@code pith doctor --json} adds {@code "database"}. */
  ObjectNode toJson() {
    ObjectNode root = JsonLines.object().put("pith", pith);
    root.putObject("java").put("version", javaVersion).put("vendor", javaVendor);
    root.putObject("os").put("name", osName).put("version", osVersion).put("arch", osArch);
    root.put("cpus", cpus);
    root.putObject("data_dir").put("path", dataDir.path().toString()).put("from", dataDir.source())
        .put("state", dataDirState.wireName());
    root.putObject("models_dir").put("path", dataDir.modelsDir().toString()).put("state", modelsDirState.wireName());
    ArrayNode folders = root.putArray("models");
    for (ModelFolders.Folder model : models) {
      folders.addObject().put("name", model.name()).put("layout", model.layout().wireName());
    }
    root.set("onnx_runtime", onnxRuntime.toJson());
    ObjectNode npuNode = root.putObject("npu");
    ArrayNode steps = npuNode.putArray("steps");
    for (HailoReport.Step step : npu.steps()) {
      steps.addObject().put("name", step.name()).put("status", wireName(step.status())).put("detail", step.detail());
    }
    npuNode.put("readiness", npu.readiness().name().toLowerCase(Locale.ROOT))
        .put("model", npu.model().orElse(null))
        .put("outcome", npu.outcome());
    root.set("power", power.toJson());
    return root;
  }

  private static String wireName(HailoReport.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  /** Whether a folder Pith writes to is there and writable. */
  enum FolderState {
    MISSING("does not exist yet"),
    NOT_A_FOLDER("not a folder"),
    WRITABLE("exists, writable"),
    NOT_WRITABLE("exists, NOT writable");

    private final String text;

    FolderState(String text) {
      this.text = text;
    }

    static FolderState of(Path dir) {
      if (!Files.isDirectory(dir)) {
        return Files.exists(dir) ? NOT_A_FOLDER : MISSING;
      }
      return Files.isWritable(dir) ? WRITABLE : NOT_WRITABLE;
    }

    String text() {
      return text;
    }

    /** {@code missing}, {@code not_a_folder}, {@code writable}, {@code not_writable}. */
    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The ONNX Runtime's version and execution providers, or why the native library did not load.
   *
   * @param version empty when it did not load
   * @param providers its execution providers (empty when it did not load)
   * @param error why it did not load; empty when it did
   */
  record OnnxRuntimeCheck(Optional<String> version, List<String> providers, Optional<String> error) {
    OnnxRuntimeCheck {
      providers = List.copyOf(providers);
    }

    static OnnxRuntimeCheck load() {
      try {
        return new OnnxRuntimeCheck(Optional.of(OrtRuntime.version()), OrtRuntime.providers(), Optional.empty());
      } catch (RuntimeException | LinkageError e) {
        return new OnnxRuntimeCheck(Optional.empty(), List.of(),
            Optional.of(Cli.oneLine(String.valueOf(e.getMessage()))));
      }
    }

    String text() {
      return version.map(v -> v + " (providers: " + String.join(", ", providers) + ")")
          .orElseGet(() -> "not available: " + error.orElse(""));
    }

    ObjectNode toJson() {
      ObjectNode node = JsonLines.object().put("available", version.isPresent()).put("version", version.orElse(null));
      ArrayNode list = node.putArray("providers");
      providers.forEach(list::add);
      return node.put("error", error.orElse(null));
    }
  }
}

package dev.pith.app.ui;

import dev.pith.app.cli.BackendLoader;
import dev.pith.app.ui.settings.BackendPrefs;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.hailo.AutoBackend;
import dev.pith.inference.hailo.HailoBackend;
import dev.pith.inference.hailo.HailoDetection;
import dev.pith.inference.hailo.HailoModel;
import dev.pith.inference.hailo.HailoOptions;
import dev.pith.inference.hailo.HailoReport;
import dev.pith.inference.models.Catalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the window turns a model folder into a backend, following Settings → Backend: CPU runs it with ONNX
 * Runtime; NPU runs its twin on the AI HAT+ 2 (the catalog's hailo model of the same family) through
 * hailo-ollama, or fails saying why; Auto uses the NPU when {@link HailoDetection} finds it usable and the
 * model has a twin there, and otherwise, or when connecting fails, the CPU. Under Auto, an NPU that stops
 * answering hands the next answers to the CPU ({@link AutoBackend}) and the window is told, to say so.
 *
 * <p>Runs on the window's inference thread (detection may wait up to a second for the server).
 */
public final class WindowBackends implements BackendLoader {
  private static final Logger LOG = LoggerFactory.getLogger(WindowBackends.class);

  private final BackendLoader cpu;
  private final Supplier<BackendPrefs.Choice> choice;
  private final HailoOptions hailo;
  private final Catalog catalog;
  private volatile Consumer<String> fallbacks = message -> { };

  /**
   * @param cpu loads a folder on the CPU ({@code CpuBackend::load})
   * @param choice the user's current choice (read at each load)
   * @param hailo where the NPU's server and devices are
   * @param catalog where a CPU model's NPU twin is found
   */
  public WindowBackends(BackendLoader cpu, Supplier<BackendPrefs.Choice> choice, HailoOptions hailo,
      Catalog catalog) {
    this.cpu = Objects.requireNonNull(cpu, "cpu");
    this.choice = Objects.requireNonNull(choice, "choice");
    this.hailo = Objects.requireNonNull(hailo, "hailo");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public void onFallback(Consumer<String> listener) {
    fallbacks = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public ChatBackend load(Path modelDir, CpuBackendOptions options) throws ModelLoadException {
    BackendPrefs.Choice wanted = choice.get();
    if (wanted == BackendPrefs.Choice.CPU) {
      return cpu.load(modelDir, options);
    }
    Optional<HailoModel> twin = twinOf(modelDir);
    if (twin.isEmpty()) {
      if (wanted == BackendPrefs.Choice.NPU) {
        throw new ModelLoadException("the model in " + modelDir + " has no NPU version in the catalog; "
            + "choose CPU or Auto in Settings → Backend");
      }
      return cpu.load(modelDir, options);
    }
    HailoReport report = HailoDetection.detect(hailo, List.of(twin.get()));
    if (!report.readiness().usable()) {
      if (wanted == BackendPrefs.Choice.NPU) {
        throw new ModelLoadException("the NPU cannot be used: " + report.outcome());
      }
      LOG.info("answers run on the CPU: {}", report.outcome());
      return cpu.load(modelDir, options);
    }
    HailoBackend npu;
    try {
      // The CPU model's folder holds the same model's tokenizer: prompts are counted exactly, not estimated.
      npu = HailoBackend.connect(hailo.withTokenizerFolder(modelDir), twin.get(),
          progress -> LOG.info("hailo-ollama pulls {}: {}", progress.model(), progress.status()),
          new CancellationToken());
    } catch (ModelLoadException e) {
      if (wanted == BackendPrefs.Choice.NPU) {
        throw e;
      }
      LOG.warn("the NPU is not used: {}", e.getMessage());
      fallbacks.accept("The NPU could not be used (" + e.getMessage() + "); answers run on the CPU");
      return cpu.load(modelDir, options);
    }
    if (wanted == BackendPrefs.Choice.NPU) {
      return npu;
    }
    return new AutoBackend(npu, () -> cpu.load(modelDir, options), (message, cause) -> fallbacks.accept(message));
  }

  /** The NPU version of the CPU model in {@code modelDir}, a folder named by its catalog id. */
  private Optional<HailoModel> twinOf(Path modelDir) {
    Path name = modelDir.getFileName();
    return name == null ? Optional.empty() : HailoModel.twinOf(catalog, name.toString());
  }
}

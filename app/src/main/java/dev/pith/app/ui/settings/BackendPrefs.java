package dev.pith.app.ui.settings;

import dev.pith.inference.cpu.CpuBackendOptions;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the model runs, as the user sets it in Settings → Backend (and the context length, shown with
 * Generation). A change of any part reloads the model.
 *
 * @param backend Auto, NPU or CPU
 * @param threads CPU threads for the model; 0 lets Pith choose
 * @param contextLength the most tokens of conversation the model keeps (prompt plus answer); bounded by the
 *     model's own context length
 */
public record BackendPrefs(Choice backend, int threads, int contextLength) {
  public static final NumberRange THREADS = NumberRange.wholeNumbers(0, 64);
  public static final NumberRange CONTEXT_LENGTH = NumberRange.wholeNumbers(512, 32768);
  public static final BackendPrefs DEFAULT = new BackendPrefs(Choice.AUTO, 0, CpuBackendOptions.DEFAULT_CONTEXT_LIMIT);

  /** The backend the user asks for. */
  public enum Choice {
    /** The NPU when there is one Pith can use, else the CPU. */
    AUTO("Auto"),
    /** The Hailo NPU (AI HAT+ 2). */
    NPU("NPU"),
    /** ONNX Runtime on the processor. */
    CPU("CPU");

    private final String label;

    Choice(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The name kept in the settings: {@code auto}, {@code npu}, {@code cpu}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The choice named {@code id}, or null for a name this version does not know. */
    public static Choice ofId(String id) {
      for (Choice c : values()) {
        if (c.id().equals(id)) {
          return c;
        }
      }
      return null;
    }
  }

  public BackendPrefs {
    Objects.requireNonNull(backend, "backend");
    if (!THREADS.contains(threads)) {
      throw new IllegalArgumentException("threads: " + THREADS.problem());
    }
    if (!CONTEXT_LENGTH.contains(contextLength)) {
      throw new IllegalArgumentException("context length: " + CONTEXT_LENGTH.problem());
    }
  }

  /**
   * The CPU backend's options: {@code base} (what the app was started with) with these threads and context
   * length. Automatic threads (0) keep the base's count, so a test or a command line that pinned it keeps it.
   */
  public CpuBackendOptions cpuOptions(CpuBackendOptions base) {
    return base.withThreads(threads == 0 ? base.intraOpThreads() : threads).withContextLimit(contextLength);
  }

  public BackendPrefs withBackend(Choice choice) {
    return new BackendPrefs(choice, threads, contextLength);
  }

  public BackendPrefs withThreads(int value) {
    return new BackendPrefs(backend, value, contextLength);
  }

  public BackendPrefs withContextLength(int value) {
    return new BackendPrefs(backend, threads, value);
  }
}

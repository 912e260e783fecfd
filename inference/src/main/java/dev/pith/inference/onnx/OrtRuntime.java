package dev.pith.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import java.util.List;

/**
 * The process-wide ONNX Runtime environment, always created the same way (errors only: ONNX Runtime's
 * warnings about graph optimizations are not for users), and what it reports about itself.
 */
public final class OrtRuntime {
  private OrtRuntime() {}

  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "pith");
  }

  /** The native library's version, e.g. {@code 1.23.2}. */
  public static String version() {
    return environment().getVersion();
  }

  /** Execution providers compiled into this build of ONNX Runtime (CPU at least). */
  public static List<String> providers() {
    EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    return providers.stream().map(OrtProvider::getName).toList();
  }
}

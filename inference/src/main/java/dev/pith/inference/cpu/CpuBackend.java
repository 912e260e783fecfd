package dev.pith.inference.cpu;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.ModelInfo;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.TokenSink;
import java.nio.file.Path;

/** The {@code cpu} backend: ONNX Runtime on the CPU, with Pith's own generation loop. */
public final class CpuBackend implements ChatBackend {

  public static final String ID = "cpu";

  private CpuBackend() {}

  /**
   * Loads a model folder (onnxruntime-genai or Optimum layout).
   *
   * @throws ModelLoadException with a one-line message naming the file and the problem
   */
  public static CpuBackend load(Path modelDir, CpuBackendOptions options) throws ModelLoadException {
    throw new ModelLoadException("not implemented yet");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModelInfo model() {
    throw new IllegalStateException("not implemented yet");
  }

  @Override
  public GenerationStats generate(GenerationRequest request, TokenSink sink, CancellationToken cancel)
      throws GenerationException {
    throw new GenerationException("not implemented yet");
  }

  @Override
  public void close() {}
}

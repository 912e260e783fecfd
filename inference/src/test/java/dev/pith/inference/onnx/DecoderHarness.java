package dev.pith.inference.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.genai.Sampler;
import java.nio.file.Path;

/** Drives an {@link OnnxDecoder} directly, below the generation loop. */
public final class DecoderHarness implements AutoCloseable {
  public final OnnxDecoder decoder;
  private final OrtSession.RunOptions runOptions;

  private DecoderHarness(OnnxDecoder decoder) throws OrtException {
    this.decoder = decoder;
    this.runOptions = new OrtSession.RunOptions();
  }

  public static DecoderHarness open(Path dir) throws ModelLoadException, OrtException {
    return open(dir, 64);
  }

  public static DecoderHarness open(Path dir, int maxChunk) throws ModelLoadException, OrtException {
    return new DecoderHarness(OnnxDecoder.open(ModelFolder.read(dir), 2, maxChunk));
  }

  /** Empties the cache and feeds all tokens; returns a copy of the last position's logits. */
  public float[] prefill(int[] tokens) throws OrtException {
    decoder.reset();
    return append(tokens);
  }

  /** Feeds tokens after the cached ones; returns a copy of the last position's logits. */
  public float[] append(int[] tokens) throws OrtException {
    float[] logits = null;
    for (int from = 0; from < tokens.length; from += decoder.maxChunk()) {
      logits = decoder.run(tokens, from, Math.min(decoder.maxChunk(), tokens.length - from), runOptions);
    }
    return logits.clone();
  }

  /** The greedy pick, as the engine makes it. */
  public static int argmax(float[] logits) {
    return Sampler.ARGMAX.sample(logits);
  }

  @Override
  public void close() {
    runOptions.close();
    decoder.close();
  }
}

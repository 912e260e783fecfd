package dev.pith.inference.cpu;

import dev.pith.inference.onnx.optimize.ModelOptimizer;
import dev.pith.inference.onnx.optimize.OptimizedModels;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the CPU backend runs ONNX Runtime.
 *
 * @param intraOpThreads threads for one operator; 0 lets Pith choose (one per processor the JVM sees,
 *     at most 4, which is what a Pi 5 has)
 * @param prefillChunk the most prompt tokens fed to the model in one run; bounds the logits buffer
 * @param contextLimit the most tokens of conversation the model sees (prompt plus answer), below the model's
 *     own context length; 0 for the model's. Bounds the KV cache: each token costs
 *     {@code layers × 2 × kv_heads × head_size × 4} bytes, 56 KiB for Qwen2.5-1.5B
 * @param warmUp run the model once at load (a short prompt and one decode step) so the user's first
 *     question does not pay ONNX Runtime's one-time costs
 * @param rewrites what Pith's graph optimizer does to the model before loading it (into a copy next to
 *     it, see {@link OptimizedModels}); empty to load the file as it is
 */
public record CpuBackendOptions(int intraOpThreads, int prefillChunk, int contextLimit, boolean warmUp,
    Set<ModelOptimizer.Rewrite> rewrites) {

  /** LM Studio's and Jan's default too: enough for a long chat, 224 MiB of KV cache for Qwen2.5-1.5B. */
  public static final int DEFAULT_CONTEXT_LIMIT = 4096;

  public CpuBackendOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = automatic), got " + intraOpThreads);
    }
    if (prefillChunk < 1) {
      throw new IllegalArgumentException("prefill chunk must be >= 1, got " + prefillChunk);
    }
    rewrites = rewrites.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rewrites));
    if (contextLimit < 0) {
      throw new IllegalArgumentException("context limit must be >= 0 (0 = the model's), got " + contextLimit);
    }
  }

  public static CpuBackendOptions defaults() {
    return new CpuBackendOptions(0, 64, DEFAULT_CONTEXT_LIMIT, true, EnumSet.allOf(ModelOptimizer.Rewrite.class));
  }

  public CpuBackendOptions withThreads(int threads) {
    return new CpuBackendOptions(threads, prefillChunk, contextLimit, warmUp, rewrites);
  }

  public CpuBackendOptions withContextLimit(int tokens) {
    return new CpuBackendOptions(intraOpThreads, prefillChunk, tokens, warmUp, rewrites);
  }

  public CpuBackendOptions withWarmUp(boolean enabled) {
    return new CpuBackendOptions(intraOpThreads, prefillChunk, contextLimit, enabled, rewrites);
  }

  public CpuBackendOptions withRewrites(Set<ModelOptimizer.Rewrite> chosen) {
    return new CpuBackendOptions(intraOpThreads, prefillChunk, contextLimit, warmUp, chosen);
  }

  /** The thread count actually used. */
  public int effectiveThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }
}

package dev.pith.inference.cpu;

/**
 * How the CPU backend runs ONNX Runtime.
 *
 * @param intraOpThreads threads for one operator; 0 lets Pith choose (one per processor the JVM sees,
 *     at most 4, which is what a Pi 5 has)
 * @param prefillChunk the most prompt tokens fed to the model in one run; bounds the logits buffer
 */
public record CpuBackendOptions(int intraOpThreads, int prefillChunk) {

  public CpuBackendOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = automatic), got " + intraOpThreads);
    }
    if (prefillChunk < 1) {
      throw new IllegalArgumentException("prefill chunk must be >= 1, got " + prefillChunk);
    }
  }

  public static CpuBackendOptions defaults() {
    return new CpuBackendOptions(0, 64);
  }

  public CpuBackendOptions withThreads(int threads) {
    return new CpuBackendOptions(threads, prefillChunk);
  }

  /** The thread count actually used. */
  public int effectiveThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }
}

package dev.pith.inference.genai;

/** Picks the next token from logits. Implementations may modify {@code logits} in place. */
@FunctionalInterface
public interface Sampler {

  /**
   * @param logits one score per token; the array may be changed
   * @return the chosen token id
   */
  int sample(float[] logits);

  /** Greedy: the highest score, the lowest id on ties. */
  Sampler ARGMAX = logits -> {
    int best = 0;
    float max = logits[0];
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > max) {
        max = logits[i];
        best = i;
      }
    }
    return best;
  };
}

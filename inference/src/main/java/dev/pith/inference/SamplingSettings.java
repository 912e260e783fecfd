package dev.pith.inference;

/**
 * How the next token is chosen. {@code temperature == 0} means greedy (argmax); the other fields
 * then do nothing. Order of application follows Hugging Face: repetition penalty, temperature,
 * top-k, top-p.
 *
 * @param temperature 0 for greedy, else &gt; 0
 * @param topK keep the k most likely tokens; 0 disables
 * @param topP keep the smallest set whose probability reaches p; 1 disables
 * @param repetitionPenalty 1 disables; &gt; 1 discourages tokens already in the sequence (prompt included)
 * @param seed the random seed; the same seed, prompt and settings give the same text
 */
public record SamplingSettings(float temperature, int topK, float topP, float repetitionPenalty, long seed) {

  public static final SamplingSettings GREEDY = new SamplingSettings(0f, 0, 1f, 1f, 0L);

  public SamplingSettings {
    if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0 (0 disables), got " + topK);
    }
    if (!(topP > 0f && topP <= 1f)) {
      throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0f) || Float.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
    }
  }

  public boolean isGreedy() {
    return temperature == 0f;
  }
}

package dev.pith.app.cli;

import dev.pith.inference.SamplingSettings;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/**
 * The sampling options of {@code generate}. Greedy unless a sampling option is given; a sampling run
 * without {@code --seed} gets a random seed that is reported so the run can be repeated.
 */
final class SamplingOptions {
  static final float DEFAULT_TEMPERATURE = 0.8f;

  @Option(names = "--greedy", description = "Always pick the most likely token (the default).")
  private boolean greedy;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      description = "Sample with this temperature (0 = greedy; " + DEFAULT_TEMPERATURE
          + " when another sampling option is given).")
  private Float temperature;

  @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling: keep tokens up to this "
      + "cumulative probability (default 1 = off).")
  private Float topP;

  @Option(names = "--top-k", paramLabel = "K", description = "Keep the K most likely tokens (default 0 = off).")
  private Integer topK;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: random, reported at the end).")
  private Long seed;

  @Option(
      names = "--repetition-penalty",
      paramLabel = "R",
      defaultValue = "1",
      description = "Discourage tokens already in the text (default 1 = off).")
  private float repetitionPenalty;

  /**
   * The settings these options ask for.
   *
   * @throws IllegalArgumentException with a one-line message when the options contradict each other or a
   *     value is out of range
   */
  SamplingChoice resolve() {
    boolean samplingAsked = temperature != null || topP != null || topK != null || seed != null;
    if (greedy && samplingAsked) {
      throw new IllegalArgumentException("--greedy cannot be combined with --temperature, --top-p, --top-k or --seed");
    }
    float t = temperature != null ? temperature : (samplingAsked ? DEFAULT_TEMPERATURE : 0f);
    if (t == 0f) {
      return new SamplingChoice(new SamplingSettings(0f, 0, 1f, repetitionPenalty, 0L), false);
    }
    long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 32);
    int k = topK != null ? topK : 0;
    float p = topP != null ? topP : 1f;
    return new SamplingChoice(new SamplingSettings(t, k, p, repetitionPenalty, s), true);
  }

  /**
   * What {@link #resolve()} chose.
   *
   * @param settings the settings for the request
   * @param sampled true when tokens are sampled (then the seed is worth reporting), false for greedy
   */
  record SamplingChoice(SamplingSettings settings, boolean sampled) {}
}

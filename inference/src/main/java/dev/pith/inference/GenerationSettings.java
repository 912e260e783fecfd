package dev.pith.inference;

import java.util.List;

/**
 * Limits and sampling for one answer.
 *
 * @param maxTokens the most tokens to generate (the answer may stop earlier on EOS or a stop string)
 * @param sampling how each token is chosen
 * @param stopStrings generation stops when the text contains any of these; the stop string itself is not
 *     emitted
 */
public record GenerationSettings(int maxTokens, SamplingSettings sampling, List<String> stopStrings) {

  public GenerationSettings {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("sampling settings are required");
    }
    stopStrings = List.copyOf(stopStrings);
    for (String s : stopStrings) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("a stop string must not be empty");
      }
    }
  }

  public static GenerationSettings greedy(int maxTokens) {
    return new GenerationSettings(maxTokens, SamplingSettings.GREEDY, List.of());
  }
}

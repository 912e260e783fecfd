package dev.pith.app.ui.settings;

import dev.pith.inference.GenerationSettings;
import dev.pith.inference.SamplingSettings;
import java.util.List;
import java.util.Objects;

/**
 * How answers are generated, as the user sets it in Settings → Generation: for every conversation, or for one
 * (its override wins). Each number is checked against its range here, so a value that exists is a valid one.
 *
 * @param systemPrompt the model's instructions, put before the conversation; empty for none
 * @param temperature 0 always takes the most likely token; higher is more varied
 * @param topP keep the smallest set of likely tokens whose probability reaches p; 1 turns it off
 * @param topK keep the k most likely tokens; 0 turns it off
 * @param maxTokens the longest answer in tokens (the context length bounds it too)
 * @param repetitionPenalty above 1 discourages repeating tokens; 1 turns it off
 */
public record GenerationPrefs(String systemPrompt, double temperature, double topP, int topK, int maxTokens,
    double repetitionPenalty) {
  public static final NumberRange TEMPERATURE = NumberRange.decimal(0, 2);
  public static final NumberRange TOP_P = NumberRange.decimal(0.01, 1);
  public static final NumberRange TOP_K = NumberRange.wholeNumbers(0, 1000);
  public static final NumberRange MAX_TOKENS = NumberRange.wholeNumbers(1, 32768);
  public static final NumberRange REPETITION_PENALTY = NumberRange.decimal(1, 2);
  /** The longest system prompt kept, in characters (about a quarter of the default context in tokens). */
  public static final int MAX_SYSTEM_PROMPT = 4000;

  /**
   * Sampling as the Qwen2.5 model card recommends (temperature 0.7, top-p 0.8, top-k 20, repetition penalty
   * 1.05) and room for a reasoning model to think and then answer; no system prompt of Pith's own.
   */
  public static final GenerationPrefs DEFAULT = new GenerationPrefs("", 0.7, 0.8, 20, 2048, 1.05);

  public GenerationPrefs {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    check(systemPrompt.length() <= MAX_SYSTEM_PROMPT, "system prompt",
        "Keep it under " + MAX_SYSTEM_PROMPT + " characters.");
    check(TEMPERATURE.contains(temperature), "temperature", TEMPERATURE.problem());
    check(TOP_P.contains(topP), "top-p", TOP_P.problem());
    check(TOP_K.contains(topK), "top-k", TOP_K.problem());
    check(MAX_TOKENS.contains(maxTokens), "max tokens", MAX_TOKENS.problem());
    check(REPETITION_PENALTY.contains(repetitionPenalty), "repetition penalty", REPETITION_PENALTY.problem());
  }

  private static void check(boolean ok, String what, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(what + ": " + problem);
    }
  }

  /** The engine's settings for one answer, sampled with {@code seed}. */
  public GenerationSettings toSettings(long seed) {
    return new GenerationSettings(maxTokens, new SamplingSettings((float) temperature, topK, (float) topP,
        (float) repetitionPenalty, seed), List.of());
  }

  public GenerationPrefs withSystemPrompt(String text) {
    return new GenerationPrefs(text, temperature, topP, topK, maxTokens, repetitionPenalty);
  }

  public GenerationPrefs withTemperature(double value) {
    return new GenerationPrefs(systemPrompt, value, topP, topK, maxTokens, repetitionPenalty);
  }

  public GenerationPrefs withTopP(double value) {
    return new GenerationPrefs(systemPrompt, temperature, value, topK, maxTokens, repetitionPenalty);
  }

  public GenerationPrefs withTopK(int value) {
    return new GenerationPrefs(systemPrompt, temperature, topP, value, maxTokens, repetitionPenalty);
  }

  public GenerationPrefs withMaxTokens(int value) {
    return new GenerationPrefs(systemPrompt, temperature, topP, topK, value, repetitionPenalty);
  }

  public GenerationPrefs withRepetitionPenalty(double value) {
    return new GenerationPrefs(systemPrompt, temperature, topP, topK, maxTokens, value);
  }
}

package dev.pith.inference;

/**
 * What one answer cost. Times are measured by Pith on every backend.
 *
 * @param promptTokens tokens in this answer's prompt (after any context trimming)
 * @param cachedPromptTokens of those, how many were already in the model's KV cache from the previous turn
 *     and were not read again (0 on backends without one)
 * @param generatedTokens tokens the model produced, including a final end-of-sequence token
 * @param ttftMillis from the start of the request to the first generated token
 * @param prefillTokensPerSecond prompt tokens read (not the cached ones) divided by the time to read them;
 *     NaN when there was nothing to measure
 * @param decodeTokensPerSecond tokens per second over the decode steps (after the first token);
 *     NaN when fewer than two tokens were generated
 * @param stopReason why it ended
 * @param backend the backend id ({@code cpu}, {@code hailo}, {@code cloud})
 * @param droppedMessages how many of the oldest messages were left out so the prompt fits the context
 *     window (0 when nothing was dropped)
 * @param totalMillis from the start of the request to the end of generation
 * @param meanLogprob the answer's confidence: the mean natural-log probability of the tokens it chose, under the
 *     distribution each was chosen from; NaN where the backend cannot see the logits (the NPU's server)
 * @param minLogprob the lowest of those log-probabilities; NaN likewise
 */
public record GenerationStats(
    int promptTokens,
    int cachedPromptTokens,
    int generatedTokens,
    double ttftMillis,
    double prefillTokensPerSecond,
    double decodeTokensPerSecond,
    StopReason stopReason,
    String backend,
    int droppedMessages,
    double totalMillis,
    double meanLogprob,
    double minLogprob) {

  /** Stats without a confidence (a backend that cannot see the model's logits). */
  public GenerationStats(int promptTokens, int cachedPromptTokens, int generatedTokens, double ttftMillis,
      double prefillTokensPerSecond, double decodeTokensPerSecond, StopReason stopReason, String backend,
      int droppedMessages, double totalMillis) {
    this(promptTokens, cachedPromptTokens, generatedTokens, ttftMillis, prefillTokensPerSecond,
        decodeTokensPerSecond, stopReason, backend, droppedMessages, totalMillis, Double.NaN, Double.NaN);
  }
}

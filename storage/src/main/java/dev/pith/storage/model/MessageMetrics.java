package dev.pith.storage.model;

/**
 * What an answer cost; every field is null when not measured (questions have none; energy only where the
 * power source can be read).
 *
 * @param promptTokens tokens read before the answer
 * @param generatedTokens tokens generated
 * @param ttftMillis time to the first token
 * @param decodeTps decode speed, tokens per second
 * @param energyJoules energy spent on the answer
 * @param averageWatts average power while answering
 * @param powerSource where the watts came from, as the meter names itself (e.g. {@code Pi 5 PMIC}, {@code RAPL})
 * @param idleWatts the machine's average power in the seconds before the answer was requested: the energy above idle
 *     is {@code energyJoules - idleWatts * energyJoules / averageWatts}
 * @param meanLogprob the mean natural-log probability of the tokens the answer chose (its confidence; null where the
 *     backend cannot see the model's logits)
 * @param minLogprob the lowest of those log-probabilities
 * @param droppedMessages how many of the oldest messages were left out so the prompt fit the context window
 */
public record MessageMetrics(
    Integer promptTokens,
    Integer generatedTokens,
    Double ttftMillis,
    Double decodeTps,
    Double energyJoules,
    Double averageWatts,
    String powerSource,
    Double idleWatts,
    Double meanLogprob,
    Double minLogprob,
    Integer droppedMessages) {

  public static final MessageMetrics NONE =
      new MessageMetrics(null, null, null, null, null, null, null, null, null, null, null);

  /** Metrics without a confidence. */
  public MessageMetrics(Integer promptTokens, Integer generatedTokens, Double ttftMillis, Double decodeTps,
      Double energyJoules, Double averageWatts, String powerSource, Double idleWatts) {
    this(promptTokens, generatedTokens, ttftMillis, decodeTps, energyJoules, averageWatts, powerSource, idleWatts,
        null, null, null);
  }

  /** Metrics without an idle baseline or a confidence. */
  public MessageMetrics(Integer promptTokens, Integer generatedTokens, Double ttftMillis, Double decodeTps,
      Double energyJoules, Double averageWatts, String powerSource) {
    this(promptTokens, generatedTokens, ttftMillis, decodeTps, energyJoules, averageWatts, powerSource, null, null,
        null, null);
  }

  /**
   * The energy the answer took above the machine's idle draw; null unless the energy, the average and the baseline
   * were all measured. May be negative when the machine was busier before the answer than during it.
   */
  public Double energyAboveIdleJoules() {
    if (energyJoules == null || averageWatts == null || idleWatts == null || !(averageWatts > 0)) {
      return null;
    }
    return energyJoules - idleWatts * (energyJoules / averageWatts);
  }
}

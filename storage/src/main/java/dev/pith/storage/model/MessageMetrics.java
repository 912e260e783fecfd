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
 * @param powerSource where the watts came from (e.g. {@code pmic}, {@code rapl}, {@code estimate})
 */
public record MessageMetrics(
    Integer promptTokens,
    Integer generatedTokens,
    Double ttftMillis,
    Double decodeTps,
    Double energyJoules,
    Double averageWatts,
    String powerSource) {

  public static final MessageMetrics NONE = new MessageMetrics(null, null, null, null, null, null, null);
}

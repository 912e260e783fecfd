package dev.pith.app.cli;

import dev.pith.inference.GenerationStats;
import dev.pith.inference.StopReason;
import java.util.Locale;

/** Human-readable numbers for the terminal. */
final class StatsFormat {
  private StatsFormat() {}

  /**
   * One line such as {@code 12 prompt + 32 generated tokens | TTFT 45 ms | prefill 210.3 tok/s | decode
   * 55.2 tok/s | stop: max_tokens | backend cpu}.
   */
  static String summary(GenerationStats stats, Long seed) {
    StringBuilder line = new StringBuilder()
        .append(stats.promptTokens()).append(" prompt + ")
        .append(stats.generatedTokens()).append(" generated tokens")
        .append(" | TTFT ").append(number(stats.ttftMillis(), 0)).append(" ms")
        .append(" | prefill ").append(number(stats.prefillTokensPerSecond(), 1)).append(" tok/s")
        .append(" | decode ").append(number(stats.decodeTokensPerSecond(), 1)).append(" tok/s")
        .append(" | stop: ").append(stats.stopReason().wireName())
        .append(" | backend ").append(stats.backend());
    if (stats.droppedMessages() > 0) {
      line.append(" | dropped ").append(stats.droppedMessages()).append(" oldest messages");
    }
    if (seed != null) {
      line.append(" | seed ").append(seed);
    }
    return line.toString();
  }

  /**
   * The short line {@code chat} shows after an answer, e.g. {@code 32 tokens | 55.2 tok/s | TTFT 45 ms}, with
   * {@code | stopped} when it was cancelled.
   */
  static String brief(GenerationStats stats) {
    String line = stats.generatedTokens() + " tokens | " + number(stats.decodeTokensPerSecond(), 1) + " tok/s | TTFT "
        + number(stats.ttftMillis(), 0) + " ms";
    if (stats.droppedMessages() > 0) {
      line += " | dropped " + stats.droppedMessages() + " oldest messages";
    }
    return stats.stopReason() == StopReason.CANCELLED ? line + " | stopped" : line;
  }

  /** {@code value} with {@code decimals} digits after the point, or {@code n/a} when not a number. */
  static String number(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
  }
}

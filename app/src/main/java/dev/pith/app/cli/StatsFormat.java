package dev.pith.app.cli;

import dev.pith.inference.GenerationStats;
import dev.pith.inference.StopReason;
import java.util.Locale;

/**
 * Human-readable numbers for the terminal, and the figures the window shows in the same words (the status bar
 * and the line under an answer), so that both say "55.2 tok/s" and "TTFT 45 ms" alike.
 */
public final class StatsFormat {
  private StatsFormat() {}

  /**
   * One line such as {@code 12 prompt + 32 generated tokens | TTFT 45 ms | prefill 210.3 tok/s | decode
   * 55.2 tok/s | stop: max_tokens | backend cpu}.
   */
  static String summary(GenerationStats stats, Long seed) {
    StringBuilder line = new StringBuilder()
        .append(stats.promptTokens()).append(" prompt + ")
        .append(stats.generatedTokens()).append(" generated tokens")
        .append(" | ").append(ttft(stats.ttftMillis()))
        .append(" | prefill ").append(tokensPerSecond(stats.prefillTokensPerSecond()))
        .append(" | decode ").append(tokensPerSecond(stats.decodeTokensPerSecond()))
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
    String line = stats.generatedTokens() + " tokens | " + tokensPerSecond(stats.decodeTokensPerSecond()) + " | "
        + ttft(stats.ttftMillis());
    if (stats.droppedMessages() > 0) {
      line += " | dropped " + stats.droppedMessages() + " oldest messages";
    }
    return stats.stopReason() == StopReason.CANCELLED ? line + " | stopped" : line;
  }

  /**
   * An answer's energy for the terminal, e.g. {@code 4.1 J, 0.032 J/token, 5.2 W avg}: below one joule three decimals,
   * so a short answer does not read {@code 0.0 J}; no J/token without tokens.
   */
  static String energy(double joules, int generatedTokens, double averageWatts) {
    StringBuilder part = new StringBuilder(number(joules, joules < 1 ? 3 : 1)).append(" J");
    if (generatedTokens > 0) {
      part.append(", ").append(number(joules / generatedTokens, 3)).append(" J/token");
    }
    return part.append(", ").append(number(averageWatts, 1)).append(" W avg").toString();
  }

  /** {@code 55.2 tok/s}: one decimal; {@code n/a tok/s} when not a number. */
  public static String tokensPerSecond(double tokensPerSecond) {
    return number(tokensPerSecond, 1) + " tok/s";
  }

  /** {@code TTFT 45 ms}: whole milliseconds; {@code TTFT n/a ms} when not a number. */
  public static String ttft(double millis) {
    return "TTFT " + number(millis, 0) + " ms";
  }

  /** {@code 32 tokens}, {@code 1 token}. */
  public static String tokens(int count) {
    return count == 1 ? "1 token" : count + " tokens";
  }

  /** {@code value} with {@code decimals} digits after the point, or {@code n/a} when not a number. */
  public static String number(double value, int decimals) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
  }
}

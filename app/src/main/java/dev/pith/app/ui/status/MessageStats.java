package dev.pith.app.ui.status;

import dev.pith.app.cli.StatsFormat;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quiet line under a finished answer, made from what was stored with it, e.g. {@code 14.2 tok/s · TTFT
 * 320 ms · 128 tokens · 4.1 J}. Only the figures that were measured appear (an old or cloud answer may have
 * none, energy only where a power meter could be read), in the same words as the status bar and the CLI
 * ({@link StatsFormat}), and an answer that did not finish says how it ended.
 */
public final class MessageStats {
  /** Between the parts of a line. */
  public static final String SEPARATOR = " · ";

  private MessageStats() {}

  /** The measured figures on one line; empty when none was measured. */
  public static String line(MessageMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    List<String> parts = new ArrayList<>(4);
    if (known(metrics.decodeTps())) {
      parts.add(StatsFormat.tokensPerSecond(metrics.decodeTps()));
    }
    if (known(metrics.ttftMillis())) {
      parts.add(StatsFormat.ttft(metrics.ttftMillis()));
    }
    if (metrics.generatedTokens() != null) {
      parts.add(StatsFormat.tokens(metrics.generatedTokens()));
    }
    if (known(metrics.energyJoules())) {
      parts.add(joules(metrics.energyJoules()));
    }
    return String.join(SEPARATOR, parts);
  }

  /** {@link #line(MessageMetrics)}, then how the answer ended when it did not simply finish. */
  public static String line(MessageMetrics metrics, MessageStatus status) {
    String figures = line(metrics);
    Optional<String> note = ending(status);
    if (note.isEmpty()) {
      return figures;
    }
    return figures.isEmpty() ? note.get() : figures + SEPARATOR + note.get();
  }

  /**
   * One word for an answer that did not finish: {@code stopped} (the user pressed Stop, as the CLI says it),
   * {@code interrupted} (Pith closed while it streamed) or {@code failed}; empty for complete or streaming.
   */
  public static Optional<String> ending(MessageStatus status) {
    switch (Objects.requireNonNull(status, "status")) {
      case CANCELLED:
        return Optional.of("stopped");
      case INTERRUPTED:
        return Optional.of("interrupted");
      case ERROR:
        return Optional.of("failed");
      default:
        return Optional.empty();
    }
  }

  /**
   * The same figures spelled out, one per line, for the line's tooltip and accessible text: prompt tokens,
   * J/token, average watts and the power source join in when stored. Empty when none was measured.
   */
  public static String details(MessageMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    List<String> lines = new ArrayList<>(4);
    if (known(metrics.decodeTps())) {
      lines.add("Speed: " + StatsFormat.number(metrics.decodeTps(), 1) + " tokens per second");
    }
    if (known(metrics.ttftMillis())) {
      lines.add("Time to first token: " + StatsFormat.number(metrics.ttftMillis(), 0) + " ms");
    }
    if (metrics.generatedTokens() != null) {
      String prompt = metrics.promptTokens() == null ? "" : metrics.promptTokens() + " read, ";
      lines.add("Tokens: " + prompt + metrics.generatedTokens() + " generated");
    }
    if (known(metrics.energyJoules())) {
      lines.add("Energy: " + energyDetails(metrics));
    }
    return String.join("\n", lines);
  }

  /** {@code 4.1 J} below 100 J, then whole joules ({@code 612 J}). */
  static String joules(double joules) {
    return StatsFormat.number(joules, joules < 100 ? 1 : 0) + " J";
  }

  private static String energyDetails(MessageMetrics metrics) {
    StringBuilder text = new StringBuilder(joules(metrics.energyJoules()));
    Integer generated = metrics.generatedTokens();
    if (generated != null && generated > 0) {
      text.append(" (").append(StatsFormat.number(metrics.energyJoules() / generated, 3)).append(" J/token)");
    }
    if (known(metrics.averageWatts())) {
      text.append(", ").append(StatsFormat.number(metrics.averageWatts(), 1)).append(" W on average");
    }
    if (metrics.powerSource() != null && !metrics.powerSource().isBlank()) {
      text.append(", from ").append(metrics.powerSource());
    }
    return text.toString();
  }

  private static boolean known(Double value) {
    return value != null && Double.isFinite(value);
  }
}

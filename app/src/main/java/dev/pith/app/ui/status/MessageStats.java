package dev.pith.app.ui.status;

import dev.pith.app.cli.StatsFormat;
import dev.pith.inference.hailo.HailoBackend;
import dev.pith.inference.power.PowerMeters;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quiet line under a finished answer, made from what was stored with it, e.g. {@code 14.2 tok/s · TTFT
 * 320 ms · 128 tokens · 4.1 J · 0.032 J/token · 3.2 W (+1.1 over idle)}. Only the figures that were measured appear
 * (an old or cloud answer may have none, energy only where a power meter could be read), in the same words as the
 * status bar and the CLI ({@link StatsFormat}), and an answer that did not finish says how it ended. An NPU answer's
 * energy says the NPU is not in it: the Hailo-10H has no power sensor.
 */
public final class MessageStats {
  /** Between the parts of a line. */
  public static final String SEPARATOR = " · ";

  private MessageStats() {}

  /** The measured figures of a CPU answer on one line; empty when none was measured. */
  public static String line(MessageMetrics metrics) {
    return line(metrics, "cpu");
  }

  /** The measured figures on one line; empty when none was measured. {@code backend} as stored (may be null). */
  public static String line(MessageMetrics metrics, String backend) {
    Objects.requireNonNull(metrics, "metrics");
    List<String> parts = new ArrayList<>(6);
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
      Integer generated = metrics.generatedTokens();
      if (generated != null && generated > 0) {
        parts.add(joulesPerToken(metrics.energyJoules() / generated));
      }
      if (known(metrics.averageWatts())) {
        parts.add(watts(metrics.averageWatts()) + overIdle(metrics));
      }
      if (npu(backend)) {
        parts.add("NPU not included");
      }
    }
    return String.join(SEPARATOR, parts);
  }

  /** {@link #line(MessageMetrics, String)}, then how the answer ended when it did not simply finish. */
  public static String line(MessageMetrics metrics, String backend, MessageStatus status) {
    String figures = line(metrics, backend);
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
    return details(metrics, "cpu");
  }

  /**
   * {@link #details(MessageMetrics)}, with the energy above the idle draw when that was measured, and for an NPU
   * answer why its energy leaves the NPU out (with Hailo's typical figure, worded as an estimate).
   */
  public static String details(MessageMetrics metrics, String backend) {
    Objects.requireNonNull(metrics, "metrics");
    List<String> lines = new ArrayList<>(6);
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
      aboveIdle(metrics).ifPresent(lines::add);
      if (npu(backend)) {
        lines.add(capitalized(PowerMeters.NPU_NOT_INCLUDED) + "; " + PowerMeters.NPU_ESTIMATE);
      }
    }
    return String.join("\n", lines);
  }

  /** {@code 0.032 J/token}: three decimals. */
  static String joulesPerToken(double joules) {
    return StatsFormat.number(joules, 3) + " J/token";
  }

  /** {@code 3.2 W}: one decimal. */
  static String watts(double watts) {
    return StatsFormat.number(watts, 1) + " W";
  }

  /** {@code " (+1.1 over idle)"}, {@code " (0.3 under idle)"}, or empty without an idle baseline. */
  private static String overIdle(MessageMetrics metrics) {
    if (!known(metrics.idleWatts())) {
      return "";
    }
    double delta = metrics.averageWatts() - metrics.idleWatts();
    return delta >= 0 ? " (+" + StatsFormat.number(delta, 1) + " over idle)"
        : " (" + StatsFormat.number(-delta, 1) + " under idle)";
  }

  /**
   * {@code Above idle: 1.4 J (0.011 J/token), 1.1 W more than the 2.1 W drawn just before the question}; empty
   * without an idle baseline.
   */
  private static Optional<String> aboveIdle(MessageMetrics metrics) {
    Double above = metrics.energyAboveIdleJoules();
    if (above == null || !known(metrics.idleWatts())) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("Above idle: ").append(joules(above));
    Integer generated = metrics.generatedTokens();
    if (generated != null && generated > 0) {
      text.append(" (").append(joulesPerToken(above / generated)).append(')');
    }
    double delta = metrics.averageWatts() - metrics.idleWatts();
    text.append(", ").append(watts(Math.abs(delta))).append(delta >= 0 ? " more" : " less")
        .append(" than the ").append(watts(metrics.idleWatts())).append(" drawn just before the question");
    return Optional.of(text.toString());
  }

  private static boolean npu(String backend) {
    return HailoBackend.ID.equals(backend);
  }

  /** {@code text} with its first letter upper case. */
  static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** {@code 4.1 J} below 100 J, then whole joules ({@code 612 J}). */
  static String joules(double joules) {
    return StatsFormat.number(joules, joules < 100 ? 1 : 0) + " J";
  }

  private static String energyDetails(MessageMetrics metrics) {
    StringBuilder text = new StringBuilder(joules(metrics.energyJoules()));
    Integer generated = metrics.generatedTokens();
    if (generated != null && generated > 0) {
      text.append(" (").append(joulesPerToken(metrics.energyJoules() / generated)).append(')');
    }
    if (known(metrics.averageWatts())) {
      text.append(", ").append(watts(metrics.averageWatts())).append(" on average");
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

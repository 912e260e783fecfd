package dev.pith.inference.hailo;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Pith waits for hailo-ollama before it calls the server dead or stuck. The server answers one request
 * at a time and its first reply to a chat includes loading the model onto the NPU, so the first line gets longer
 * than the lines after it.
 *
 * @param connect to open a connection
 * @param firstLine from sending a request to the first line of its reply (a chat's prefill, and the model's load
 *     on first use)
 * @param betweenLines between two lines of a streamed reply
 * @param pullIdle between two progress lines of a pull (the server may verify a large file in silence)
 */
public record HailoTimeouts(Duration connect, Duration firstLine, Duration betweenLines, Duration pullIdle) {
  /** Generous for a Raspberry Pi 5 with the AI HAT+ 2: a model's first load takes seconds, not minutes. */
  public static final HailoTimeouts DEFAULTS = new HailoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60),
      Duration.ofSeconds(20), Duration.ofMinutes(2));

  public HailoTimeouts {
    positive(connect, "connect");
    positive(firstLine, "firstLine");
    positive(betweenLines, "betweenLines");
    positive(pullIdle, "pullIdle");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " timeout must be > 0, got " + d);
    }
  }

  /** "1 s", "250 ms": how a timeout reads in a message. */
  static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}

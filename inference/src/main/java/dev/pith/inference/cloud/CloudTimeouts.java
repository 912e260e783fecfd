package dev.pith.inference.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the cloud client waits.
 *
 * @param connect for the TCP (and TLS) connection
 * @param firstByte from the request to the reply's status and first line (a big model may think a while)
 * @param idle between two lines of a streamed reply
 */
public record CloudTimeouts(Duration connect, Duration firstByte, Duration idle) {
  public static final CloudTimeouts DEFAULT =
      new CloudTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));

  public CloudTimeouts {
    positive(connect, "connect");
    positive(firstByte, "firstByte");
    positive(idle, "idle");
  }

  /** "30 s", "250 ms": how messages say a duration. */
  static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}

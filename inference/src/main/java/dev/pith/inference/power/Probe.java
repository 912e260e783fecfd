package dev.pith.inference.power;

import java.util.Objects;
import java.util.Optional;

/**
 * What looking for one power source found: a working meter, or why there is none (for the reason
 * the chooser gives when nothing works).
 */
record Probe(Optional<PowerMeter> meter, String reason) {
  Probe {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(reason, "reason");
  }

  static Probe of(PowerMeter meter) {
    return new Probe(Optional.of(meter), "");
  }

  static Probe missing(String reason) {
    return new Probe(Optional.empty(), reason);
  }
}

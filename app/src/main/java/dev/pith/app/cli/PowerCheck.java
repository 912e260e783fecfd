package dev.pith.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code pith doctor}'s look at the power meter the window would use: its source, what it covers, what it reads now,
 * and, when there is no reading, why (the reason the window's tooltip shows).
 *
 * @param source the meter's name ({@code none} when the machine offers none)
 * @param scope what its readings cover
 * @param watts the reading, empty when there is none
 * @param measured whether {@code watts} is a measurement: false for an estimate, and when there is no reading
 * @param reason why there is no reading; empty when there is one
 */
record PowerCheck(String source, String scope, OptionalDouble watts, boolean measured, Optional<String> reason) {
  /** Between the two reads: a counter (RAPL, hwmon energy) needs time between reads. */
  static final long PAUSE_MILLIS = 200;
  private static final String NONE = "none";

  PowerCheck {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(watts, "watts");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Detects the meter as the window does and reads it twice, {@link #PAUSE_MILLIS} apart; the second reading
   * counts.
   */
  static PowerCheck read(Map<String, String> environment) {
    try (PowerMeter meter = PowerMeters.detect(PowerMeters.sysfsRoot(environment), environment)) {
      if (PowerMeters.isNone(meter)) {
        // PowerMeter.none always says why
        return new PowerCheck(meter.source(), meter.scope(), OptionalDouble.empty(), false,
            Optional.of(meter.unavailableReason().orElseThrow()));
      }
      meter.watts();
      pause();
      OptionalDouble watts = meter.watts();
      Optional<String> reason = watts.isPresent() ? Optional.empty()
          : Optional.of(meter.unavailableReason().orElse("the meter gave none"));
      return new PowerCheck(meter.source(), meter.scope(), watts, watts.isPresent() && meter.measured(), reason);
    }
  }

  /**
   * The report's line: {@code hwmon ina219: 4.50 W (covers ...)}, {@code hwmon ina219: no reading (why) (covers
   * ...)}, or {@code none: why}.
   */
  String text() {
    if (NONE.equals(source)) {
      return NONE + ": " + reason.orElse("");
    }
    String reading = watts.isPresent() ? String.format(Locale.ROOT, "%.2f W", watts.getAsDouble())
        : "no reading (" + reason.orElse("") + ")";
    return source + ": " + reading + " (covers " + scope + ")";
  }

  /** {@code {"source":..,"scope":..,"watts":..|null,"measured":..,"reason":..|null}}. */
  ObjectNode toJson() {
    ObjectNode power = JsonLines.object().put("source", source).put("scope", scope);
    JsonLines.putNumber(power, "watts", watts.orElse(Double.NaN));
    power.put("measured", measured);
    power.put("reason", reason.orElse(null));
    return power;
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the reading after it is still worth showing
    }
  }
}

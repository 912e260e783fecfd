package dev.pith.inference.power;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where Pith's watts come from. One meter is chosen at start-up from what the machine offers (Pi 5 PMIC, hwmon,
 * RAPL, ...) and the UI always names it, so a reading is never shown without its source (DESIGN.md "Telemetry").
 * When nothing can be read, {@link #none(String)} says why instead of inventing a number.
 *
 * <p>A reading may take a while (a PMIC read takes ~20 ms): call {@link #watts()} from a sampler thread, never
 * from the JavaFX thread, and no more often than a few times a second. {@link #source()} and
 * {@link #unavailableReason()} only say what the meter already knows, without touching the hardware.
 */
public interface PowerMeter extends AutoCloseable {
  /** The source's name for people, e.g. {@code Pi 5 PMIC}; {@code none} when there is no meter. */
  String source();

  /**
   * A fresh reading of the power drawn now, in watts, or empty when it cannot be read (no meter, or this
   * read failed). Never an estimate dressed as a measurement.
   */
  OptionalDouble watts();

  /**
   * What the figure covers, for people, e.g. {@code Pi 5 board rails (excludes USB, fan and the AI HAT+ 2)}: a
   * reading is only comparable with another of the same scope, and the UI says what is left out.
   */
  default String scope() {
    return "what " + source() + " reports (its coverage is not known)";
  }

  /**
   * Whether the readings are measurements; {@code false} for an estimate (e.g. a published typical draw), which
   * the UI must mark as such (DESIGN.md "Telemetry": an estimate is never shown as a measurement).
   */
  default boolean measured() {
    return true;
  }

  /** Why there are no readings, for a tooltip or {@code pith doctor}; empty while the meter works. */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }

  /** Releases what the meter holds open (files, a helper process). Borrowers never call it; the owner does. */
  @Override
  default void close() {}

  /**
   * The meter of a machine that offers none: source {@code none}, no readings, and {@code reason} as the
   * {@link #unavailableReason()}.
   *
   * @param reason why, for people, e.g. {@code no power sensor found (no PMIC, hwmon or RAPL)}
   */
  static PowerMeter none(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a missing power meter needs a reason people can read");
    }
    return new NoPowerMeter(reason);
  }
}

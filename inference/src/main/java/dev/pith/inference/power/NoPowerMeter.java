package dev.pith.inference.power;

import java.util.Optional;
import java.util.OptionalDouble;

/** {@link PowerMeter#none(String)}: no readings, ever, and the reason why. */
final class NoPowerMeter implements PowerMeter {
  static final String SOURCE = "none";

  private final Optional<String> reason;

  NoPowerMeter(String reason) {
    this.reason = Optional.of(reason);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public OptionalDouble watts() {
    return OptionalDouble.empty();
  }

  @Override
  public String scope() {
    return "nothing";
  }

  @Override
  public Optional<String> unavailableReason() {
    return reason;
  }

  @Override
  public String toString() {
    return "PowerMeter.none(" + reason.get() + ")";
  }
}

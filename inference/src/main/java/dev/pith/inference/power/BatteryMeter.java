package dev.pith.inference.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A laptop battery through {@code /sys/class/power_supply/BATn}: {@code power_now} in µW, or {@code current_now}
 * (µA) × {@code voltage_now} (µV) where the driver has no {@code power_now}. It measures the machine's draw only
 * while the battery feeds it ({@code status} is {@code Discharging}); on mains it shows the charge going into the
 * battery or nothing, so the reading is then empty with {@link #ON_MAINS} as the reason.
 */
public final class BatteryMeter implements PowerMeter {
  public static final String ON_MAINS = "on mains power: the battery does not measure the machine's draw";
  static final String POWER_SUPPLY = "sys/class/power_supply";

  private final Path battery;
  private volatile Optional<String> reason = Optional.empty();

  BatteryMeter(Path battery) {
    this.battery = battery;
  }

  /** The first battery under {@code root} that is discharging now, else why there is none. */
  static Probe open(Path root) {
    boolean anyBattery = false;
    for (Path supply : SysFs.list(root.resolve(POWER_SUPPLY), "*")) {
      if (!isBattery(supply)) {
        continue;
      }
      anyBattery = true;
      BatteryMeter meter = new BatteryMeter(supply);
      if (meter.watts().isPresent()) {
        return Probe.of(meter);
      }
    }
    return Probe.missing(anyBattery ? "no battery discharging" : "no battery");
  }

  @Override
  public String source() {
    return "battery " + battery.getFileName();
  }

  @Override
  public String scope() {
    return "the whole machine while on battery";
  }

  @Override
  public OptionalDouble watts() {
    try {
      if (!"Discharging".equals(SysFs.readWord(battery.resolve("status")))) {
        reason = Optional.of(ON_MAINS);
        return OptionalDouble.empty();
      }
      Path power = battery.resolve("power_now");
      double watts = Files.exists(power) ? SysFs.readLong(power) / 1e6
          : SysFs.readLong(battery.resolve("current_now")) / 1e6
              * (SysFs.readLong(battery.resolve("voltage_now")) / 1e6);
      reason = Optional.empty();
      return OptionalDouble.of(Math.abs(watts)); // some drivers sign the discharge current negative
    } catch (IOException e) {
      reason = Optional.of("cannot read " + battery + ": " + e.getMessage());
      return OptionalDouble.empty();
    }
  }

  @Override
  public Optional<String> unavailableReason() {
    return reason;
  }

  /** {@code type} is {@code Battery}; mains adapters and USB supplies have no draw to report. */
  private static boolean isBattery(Path supply) {
    try {
      return "Battery".equals(SysFs.readWord(supply.resolve("type")));
    } catch (IOException e) {
      return false;
    }
  }
}

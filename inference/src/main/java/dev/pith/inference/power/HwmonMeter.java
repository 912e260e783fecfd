package dev.pith.inference.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A Linux hwmon power sensor: {@code /sys/class/hwmon/hwmonN/powerM_input} in µW, or failing that a cumulative
 * {@code energyM_input} counter in µJ read like RAPL's. One sensor is used, the first found in name order, because
 * two sensors of one machine often measure nested parts of the same draw and their sum would count it twice. The
 * sensor's {@code name} file (e.g. {@code amdgpu}, {@code ina219}) names the source, since what it covers depends on
 * the chip.
 */
public final class HwmonMeter implements PowerMeter {
  static final String HWMON = "sys/class/hwmon";

  private final String name;
  private final Path file;
  private final Optional<EnergyCounter> counter;
  private volatile Optional<String> reason = Optional.empty();

  private HwmonMeter(String name, Path file, Optional<EnergyCounter> counter) {
    this.name = name;
    this.file = file;
    this.counter = counter;
  }

  /**
   * The first readable power sensor under {@code root}, else the first readable energy counter (primed by a first
   * read), else why there is none.
   */
  static Probe open(Path root, LongSupplier nanoClock) {
    for (Path device : SysFs.list(root.resolve(HWMON), "*")) {
      for (Path input : SysFs.list(device, "power[0-9]*_input")) {
        if (readable(input)) {
          return Probe.of(new HwmonMeter(name(device), input, Optional.empty()));
        }
      }
    }
    for (Path device : SysFs.list(root.resolve(HWMON), "*")) {
      for (Path input : SysFs.list(device, "energy[0-9]*_input")) {
        EnergyCounter energy = new EnergyCounter(input, Long.MAX_VALUE, nanoClock);
        try {
          energy.read();
          return Probe.of(new HwmonMeter(name(device), input, Optional.of(energy)));
        } catch (IOException e) {
          // an unreadable counter: try the next one
        }
      }
    }
    return Probe.missing("no hwmon power sensor");
  }

  @Override
  public String source() {
    return "hwmon " + name;
  }

  @Override
  public String scope() {
    return "what the " + name + " sensor measures (" + file.getParent().getFileName() + "/" + file.getFileName()
        + ")";
  }

  /** Not thread-safe for an energy counter: one sampler reads it (the counter remembers the previous read). */
  @Override
  public OptionalDouble watts() {
    try {
      OptionalDouble watts = counter.isPresent() ? counter.get().read()
          : OptionalDouble.of(SysFs.readLong(file) / 1e6);
      reason = Optional.empty();
      return watts;
    } catch (IOException e) {
      reason = Optional.of("cannot read " + file + ": " + e.getMessage());
      return OptionalDouble.empty();
    }
  }

  @Override
  public Optional<String> unavailableReason() {
    return reason;
  }

  private static boolean readable(Path input) {
    try {
      SysFs.readLong(input);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The chip's name from its {@code name} file, else the folder's name ({@code hwmon3}). */
  private static String name(Path device) {
    Path file = device.resolve("name");
    try {
      return Files.isRegularFile(file) ? SysFs.readWord(file) : device.getFileName().toString();
    } catch (IOException e) {
      return device.getFileName().toString();
    }
  }
}

package dev.pith.inference.power;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the machine's power meter at start-up (DESIGN.md "Telemetry"), best first: the Pi 5 PMIC (the whole
 * board), a hwmon power sensor, a discharging battery, RAPL (CPU packages only); otherwise {@link PowerMeter#none}
 * with what was looked for and why each was not usable, so people know how to get one.
 */
public final class PowerMeters {
  /** A folder shaped like {@code /} to read {@code sys/class/...} under; tests point it at a fixture tree. */
  public static final String ROOT_VARIABLE = "PITH_SYSFS_ROOT";
  /** The vcgencmd to run instead of the one on PATH. */
  public static final String VCGENCMD_VARIABLE = "PITH_VCGENCMD";
  /**
   * The Hailo-10H on the AI HAT+ 2 has no power sensor, and its HAT is fed outside the Pi 5 PMIC's rails: no source
   * here includes the NPU's draw, and when the NPU answers the UI says so. Its published typical draw
   * ({@link #NPU_TYPICAL_WATTS}) may be shown beside the measurement, worded as an estimate ({@link #NPU_ESTIMATE}).
   */
  public static final String NPU_NOT_INCLUDED = "the Hailo-10H has no power sensor: its draw is not included";
  /**
   * The Hailo-10H's typical draw as Hailo publishes it for the M.2 module (2.5 W), for showing beside a measurement as
   * an estimate of what the NPU adds while it answers. Never added into a stored or measured figure.
   */
  public static final double NPU_TYPICAL_WATTS = 2.5;
  /** How the UI words {@link #NPU_TYPICAL_WATTS}, so it always reads as an estimate. */
  public static final String NPU_ESTIMATE = "the NPU adds about 2.5 W (Hailo's published typical draw, an estimate)";

  /**
   * How people get a meter when there is none, for the tooltip beside "—" and {@code pith doctor}: what each source
   * needs, without asking anyone to loosen RAPL's root-only permission.
   */
  public static final String HOW_TO_ENABLE = "A Raspberry Pi 5 is measured through vcgencmd (part of Raspberry Pi"
      + " OS); a laptop through its battery while it runs unplugged; other machines through a hwmon power sensor"
      + " (e.g. an INA219 or a USB-C power meter with a Linux driver). RAPL counters are readable by root only,"
      + " and Pith does not run as root.";

  private PowerMeters() {}

  /** Whether {@code meter} is {@link PowerMeter#none}: the machine offers no source at all (not a failed read). */
  public static boolean isNone(PowerMeter meter) {
    return meter instanceof NoPowerMeter;
  }

  /** {@code PITH_SYSFS_ROOT}, else {@code /}. */
  public static Path sysfsRoot(Map<String, String> environment) {
    String root = environment.get(ROOT_VARIABLE);
    return Path.of(root == null || root.isBlank() ? "/" : root);
  }

  /**
   * The best meter the machine offers; the caller owns (and closes) it.
   *
   * @param root where {@code sys/class/...} is read ({@link #sysfsRoot})
   * @param environment {@code PITH_VCGENCMD}, else {@code PATH} to find vcgencmd
   */
  public static PowerMeter detect(Path root, Map<String, String> environment) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(environment, "environment");
    List<String> missing = new ArrayList<>();
    for (Probe probe : List.of(pi(environment), HwmonMeter.open(root, System::nanoTime), BatteryMeter.open(root))) {
      if (probe.meter().isPresent()) {
        return probe.meter().get();
      }
      missing.add(probe.reason());
    }
    Probe rapl = RaplMeter.open(root, System::nanoTime);
    if (rapl.meter().isPresent()) {
      return rapl.meter().get();
    }
    missing.add(rapl.reason());
    return PowerMeter.none("no power sensor found: " + String.join(", ", missing));
  }

  /** The Pi 5 PMIC when vcgencmd exists and its {@code pmic_read_adc} gives paired rails. */
  private static Probe pi(Map<String, String> environment) {
    Optional<String> vcgencmd = vcgencmd(environment);
    if (vcgencmd.isEmpty()) {
      return Probe.missing("no Pi 5 PMIC (vcgencmd not found)");
    }
    PiPmicMeter meter = new PiPmicMeter(vcgencmd.get(), PiPmicMeter.DEFAULT_TIMEOUT);
    if (meter.watts().isPresent()) {
      return Probe.of(meter);
    }
    return Probe.missing("no Pi 5 PMIC (" + meter.unavailableReason().orElse("no reading") + ")");
  }

  /** {@code PITH_VCGENCMD} as given, else the first executable {@code vcgencmd} on {@code PATH}. */
  static Optional<String> vcgencmd(Map<String, String> environment) {
    String given = environment.get(VCGENCMD_VARIABLE);
    if (given != null && !given.isBlank()) {
      return Optional.of(given);
    }
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "vcgencmd");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }
}

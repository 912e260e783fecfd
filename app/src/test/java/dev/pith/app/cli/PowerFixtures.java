package dev.pith.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Power meters with known readings for the command line's tests: a sysfs tree and a recorded vcgencmd. */
final class PowerFixtures {
  /** The hwmon sensor's name, so its meter's source is {@code hwmon pith-fixture}. */
  static final String SENSOR = "pith-fixture";
  /** What {@code pmic_read_adc-idle.txt} adds up to (its header says so). */
  static final double PI_IDLE_WATTS = 2.11417428;
  private static final Path RECORDINGS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/src/test/resources/power").normalize();

  private PowerFixtures() {}

  /**
   * A hwmon power sensor under {@code sysfs} (a {@code PITH_SYSFS_ROOT}) that reads {@code microwatts}.
   *
   * @return its {@code power1_input} file, to change or delete while it is read
   */
  static Path hwmon(Path sysfs, long microwatts) throws IOException {
    Path sensor = Files.createDirectories(sysfs.resolve("sys/class/hwmon/hwmon0"));
    Files.writeString(sensor.resolve("name"), SENSOR + "\n");
    Path input = sensor.resolve("power1_input");
    Files.writeString(input, microwatts + "\n");
    return input;
  }

  /** An executable in {@code dir} that prints the Pi 5's recorded {@code vcgencmd pmic_read_adc} at idle. */
  static Path recordedVcgencmd(Path dir) throws IOException {
    Path recording = RECORDINGS.resolve("pmic_read_adc-idle.txt");
    if (!Files.isRegularFile(recording)) {
      throw new IllegalStateException("the recorded vcgencmd output is missing: " + recording);
    }
    Path script = Files.createDirectories(dir).resolve("vcgencmd");
    Files.writeString(script, "#!/bin/sh\nexec cat '" + recording + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}

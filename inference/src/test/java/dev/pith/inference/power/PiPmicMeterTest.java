package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pi 5 PMIC through real processes: shell scripts that stand in for vcgencmd. */
class PiPmicMeterTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @TempDir
  Path dir;

  @Test
  void idleAndLoadedRecordingsGiveTheSumOfVoltsTimesAmpsOverThePairedRails() throws Exception {
    try (PowerMeter idle = new PiPmicMeter(printing("pmic_read_adc-idle.txt").toString(), TIMEOUT)) {
      assertEquals(2.11417428, idle.watts().getAsDouble(), 1e-9);
      assertEquals(Optional.empty(), idle.unavailableReason());
      assertEquals("Pi 5 PMIC", idle.source());
      assertEquals("Pi 5 board rails (excludes USB, fan and the AI HAT+ 2)", idle.scope());
      assertTrue(idle.measured());
    }
    try (PowerMeter loaded = new PiPmicMeter(printing("pmic_read_adc-loaded.txt").toString(), TIMEOUT)) {
      assertEquals(6.79879, loaded.watts().getAsDouble(), 1e-9);
    }
  }

  @Test
  void malformedLinesAreSkipped() {
    String output = String.join("\n",
        "garbage",
        "  VDD_CORE_A current(7)=2.00000000A",
        "  VDD_CORE_V volt(15)=0.80000000V",
        "  HDMI_A current(22)=notanumberA",
        "  HDMI_V volt(23)=5.00000000V",
        "  0V8_SW_A current(6)=0.50000000V", // unit does not match the kind: not a reading
        "  0V8_SW_V volt(14)=0.80000000V",
        "  1V1_SYS_A current(5)=",
        "");
    assertEquals(OptionalDouble.of(1.6), PiPmicMeter.parse(output));
  }

  @Test
  void aRailWithOnlyAVoltageIsLeftOut() throws IOException {
    assertEquals(OptionalDouble.of(2.0), PiPmicMeter.parse(
        "  EXT5V_V volt(24)=5.10000000V\n  HDMI_A current(22)=0.40000000A\n  HDMI_V volt(23)=5.00000000V\n"));
    PowerMeter voltsOnly = new PiPmicMeter(script("echo '  EXT5V_V volt(24)=5.10000000V'\necho '  BATT_V volt(25)=0V'")
        .toString(), TIMEOUT);
    assertEquals(OptionalDouble.empty(), voltsOnly.watts());
    assertTrue(voltsOnly.unavailableReason().orElseThrow().endsWith(
        "pmic_read_adc printed no rail with both a current and a voltage"), voltsOnly.unavailableReason()::get);
  }

  @Test
  void aFailingCommandGivesNoReadingAndSaysSo() throws IOException {
    Path failing = script("echo 'VCHI initialization failed' >&2\nexit 1");
    PowerMeter meter = new PiPmicMeter(failing.toString(), TIMEOUT);
    assertEquals(OptionalDouble.empty(), meter.watts());
    assertEquals(Optional.of(failing + " pmic_read_adc failed (exit 1)"), meter.unavailableReason());
  }

  @Test
  void aSlowCommandIsKilledAtTheTimeLimit() throws IOException {
    Path slow = script("exec sleep 10");
    PowerMeter meter = new PiPmicMeter(slow.toString(), TIMEOUT);
    OptionalDouble watts = assertTimeoutPreemptively(Duration.ofSeconds(3), meter::watts);
    assertEquals(OptionalDouble.empty(), watts);
    assertEquals(Optional.of(slow + " pmic_read_adc gave no answer within 300 ms"), meter.unavailableReason());
  }

  @Test
  void aMissingBinaryGivesNoReadingAndSaysSo() {
    PowerMeter meter = new PiPmicMeter(dir.resolve("vcgencmd").toString(), TIMEOUT);
    assertEquals(OptionalDouble.empty(), meter.watts());
    assertTrue(meter.unavailableReason().orElseThrow().startsWith("cannot run " + dir.resolve("vcgencmd") + ": "),
        meter.unavailableReason()::get);
  }

  @Test
  void aReadingAfterAFailureClearsTheReason() throws IOException {
    Path flag = dir.resolve("fail");
    Files.createFile(flag);
    Path flaky = script("[ -e '" + flag + "' ] && exit 1\n"
        + "printf '  HDMI_A current(22)=0.5A\\n  HDMI_V volt(23)=5V\\n'");
    PowerMeter meter = new PiPmicMeter(flaky.toString(), TIMEOUT);
    assertTrue(meter.watts().isEmpty());
    Files.delete(flag);
    assertEquals(OptionalDouble.of(2.5), meter.watts());
    assertEquals(Optional.empty(), meter.unavailableReason());
  }

  /** A vcgencmd that prints a recorded output from src/test/resources/power. */
  Path printing(String recording) throws IOException, URISyntaxException {
    Path file = Path.of(PiPmicMeterTest.class.getResource("/power/" + recording).toURI());
    return script("exec cat '" + file + "'");
  }

  /** Writes an executable {@code vcgencmd} shell script running {@code body} into a fresh folder. */
  Path script(String body) throws IOException {
    return vcgencmd(Files.createTempDirectory(dir, "bin"), body);
  }

  static Path vcgencmd(Path bin, String body) throws IOException {
    Path script = bin.resolve("vcgencmd");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}

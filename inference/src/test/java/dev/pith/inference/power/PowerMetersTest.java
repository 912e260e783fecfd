package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chooser on fixture sysfs trees, with shell scripts standing in for vcgencmd. */
class PowerMetersTest {
  private static final String PI_OUTPUT = "printf '  VDD_CORE_A current(7)=2.5A\\n  VDD_CORE_V volt(15)=0.8V\\n'";

  @TempDir
  Path dir;

  @Test
  void nothingAvailableGivesNoneAndSaysWhatWasLookedFor() {
    try (PowerMeter meter = PowerMeters.detect(dir, Map.of("PATH", "/nonexistent"))) {
      assertEquals("none", meter.source());
      assertEquals(Optional.of("no power sensor found: no Pi 5 PMIC (vcgencmd not found), no hwmon power sensor, "
          + "no battery, no RAPL package zone in /sys/class/powercap"), meter.unavailableReason());
    }
  }

  @Test
  void thePiPmicComesFirstWhenItGivesPairedRails() throws IOException {
    fillWithEverySysfsSource();
    Path vcgencmd = PiPmicMeterTest.vcgencmd(Files.createDirectories(dir.resolve("bin")), PI_OUTPUT);
    PowerMeter meter = PowerMeters.detect(dir, Map.of(PowerMeters.VCGENCMD_VARIABLE, vcgencmd.toString()));
    assertEquals("Pi 5 PMIC", meter.source());
    assertEquals(2.0, meter.watts().getAsDouble(), 1e-9);
  }

  @Test
  void vcgencmdIsFoundOnPath() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    PiPmicMeterTest.vcgencmd(bin, PI_OUTPUT);
    assertEquals("Pi 5 PMIC", PowerMeters.detect(dir, Map.of("PATH", "/nonexistent:" + bin)).source());
  }

  @Test
  void aVcgencmdWithoutPmicReadingsFallsThroughAndSaysWhy() throws IOException {
    Path vcgencmd = PiPmicMeterTest.vcgencmd(Files.createDirectories(dir.resolve("bin")), "exit 1");
    PowerMeter meter = PowerMeters.detect(dir, Map.of(PowerMeters.VCGENCMD_VARIABLE, vcgencmd.toString()));
    assertTrue(meter.unavailableReason().orElseThrow().startsWith(
        "no power sensor found: no Pi 5 PMIC (" + vcgencmd + " pmic_read_adc failed (exit 1)), "),
        meter.unavailableReason()::get);
  }

  @Test
  void withoutThePiHwmonThenADischargingBatteryThenRaplAreChosen() throws IOException {
    fillWithEverySysfsSource();
    Map<String, String> noPi = Map.of("PATH", "/nonexistent");
    assertEquals("hwmon ina219", PowerMeters.detect(dir, noPi).source());

    deleteTree(dir.resolve(HwmonMeter.HWMON));
    assertEquals("battery BAT0", PowerMeters.detect(dir, noPi).source());

    Files.writeString(dir.resolve(BatteryMeter.POWER_SUPPLY).resolve("BAT0/status"), "Charging\n");
    PowerMeter rapl = PowerMeters.detect(dir, noPi);
    assertEquals("RAPL", rapl.source());
    assertEquals(RaplMeter.SCOPE, rapl.scope());
  }

  @Test
  void theRootComesFromPithSysfsRoot() {
    assertEquals(Path.of("/"), PowerMeters.sysfsRoot(Map.of()));
    assertEquals(dir, PowerMeters.sysfsRoot(Map.of(PowerMeters.ROOT_VARIABLE, dir.toString())));
  }

  private void fillWithEverySysfsSource() throws IOException {
    SysfsMetersTest.write(SysfsMetersTest.hwmon(dir, "hwmon1", "ina219").resolve("power1_input"), 3_000_000);
    SysfsMetersTest.write(SysfsMetersTest.battery(dir, "BAT0", "Discharging").resolve("power_now"), 9_000_000);
    SysfsMetersTest.raplZone(dir, "intel-rapl:0", 1_000_000);
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}

package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL, hwmon and battery meters on fixture sysfs trees, with a clock the test moves. */
class SysfsMetersTest {
  static final long RAPL_RANGE = 262_143_328_850L;

  @TempDir
  Path root;

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void raplSumsThePackagesOverTheTimeBetweenReadsAndUnwrapsTheCounter() throws IOException {
    Path zero = raplZone(root, "intel-rapl:0", RAPL_RANGE - 1_000_000); // 1 J before the wrap
    Path one = raplZone(root, "intel-rapl:1", 50_000_000);
    Path core = raplZone(root, "intel-rapl:0:0", 7_000_000); // a subzone of package 0: not counted again
    PowerMeter meter = RaplMeter.open(root, nanos::get).meter().orElseThrow();
    assertEquals("RAPL", meter.source());

    write(zero.resolve("energy_uj"), 4_000_000); // wrapped: 1 J + 4 J
    write(one.resolve("energy_uj"), 52_000_000); // 2 J
    write(core.resolve("energy_uj"), 999_000_000);
    nanos.addAndGet(1_000_000_000L);
    assertEquals(7.0, meter.watts().getAsDouble(), 1e-9);

    write(zero.resolve("energy_uj"), 5_000_000); // 1 J
    write(one.resolve("energy_uj"), 52_500_000); // 0.5 J
    nanos.addAndGet(500_000_000L);
    assertEquals(3.0, meter.watts().getAsDouble(), 1e-9);
    assertEquals(Optional.empty(), meter.unavailableReason());
  }

  /** Simulates an unreadable counter with a folder in its place, which stays unreadable for root too. */
  @Test
  void anUnreadableRaplCounterGivesNoMeterAndSaysWhich() throws IOException {
    Path zone = raplZone(root, "intel-rapl:0", 1);
    Files.delete(zone.resolve("energy_uj"));
    Files.createDirectory(zone.resolve("energy_uj"));
    String reason = RaplMeter.open(root, nanos::get).reason();
    assertTrue(reason.startsWith("cannot read /sys/class/powercap/intel-rapl:0/energy_uj: "), reason);
  }

  /** Mode 000 as on current kernels; root reads it anyway, so there the assertion is skipped. */
  @Test
  void raplCountersReadableOnlyByRootSaySo() throws IOException {
    Path energy = raplZone(root, "intel-rapl:0", 1).resolve("energy_uj");
    Files.setPosixFilePermissions(energy, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(energy), "running as root: file permissions are not enforced");
    Probe probe = RaplMeter.open(root, nanos::get);
    assertEquals(Optional.empty(), probe.meter());
    assertEquals("RAPL energy counters are readable only by root (/sys/class/powercap/intel-rapl:0/energy_uj)",
        probe.reason());
  }

  @Test
  void hwmonPowerIsReadInMicrowattsAndNamedAfterTheSensor() throws IOException {
    Path sensor = hwmon(root, "hwmon2", "ina219");
    write(sensor.resolve("power1_input"), 5_250_000);
    PowerMeter meter = HwmonMeter.open(root, nanos::get).meter().orElseThrow();
    assertEquals("hwmon ina219", meter.source());
    assertEquals("what the ina219 sensor measures (hwmon2/power1_input)", meter.scope());
    assertEquals(OptionalDouble.of(5.25), meter.watts());
  }

  @Test
  void hwmonEnergyInMicrojoulesIsACounter() throws IOException {
    Path sensor = hwmon(root, "hwmon0", "zenpower");
    write(sensor.resolve("energy1_input"), 1_000_000);
    PowerMeter meter = HwmonMeter.open(root, nanos::get).meter().orElseThrow();
    write(sensor.resolve("energy1_input"), 3_000_000);
    nanos.addAndGet(500_000_000L);
    assertEquals(4.0, meter.watts().getAsDouble(), 1e-9);
  }

  @Test
  void hwmonWithoutPowerOrEnergyIsNoMeter() throws IOException {
    write(hwmon(root, "hwmon0", "cpu_thermal").resolve("temp1_input"), 45_000);
    assertEquals(Probe.missing("no hwmon power sensor"), HwmonMeter.open(root, nanos::get));
  }

  @Test
  void aDischargingBatteryReportsPowerNow() throws IOException {
    Path bat = battery(root, "BAT0", "Discharging");
    write(bat.resolve("power_now"), 12_500_000);
    PowerMeter meter = BatteryMeter.open(root).meter().orElseThrow();
    assertEquals("battery BAT0", meter.source());
    assertEquals(OptionalDouble.of(12.5), meter.watts());
  }

  @Test
  void aBatteryWithoutPowerNowReportsCurrentTimesVoltage() throws IOException {
    Path bat = battery(root, "BAT1", "Discharging");
    write(bat.resolve("current_now"), -1_500_000); // some drivers sign the discharge current
    write(bat.resolve("voltage_now"), 11_400_000);
    assertEquals(17.1, BatteryMeter.open(root).meter().orElseThrow().watts().getAsDouble(), 1e-9);
  }

  @Test
  void aChargingBatteryDoesNotMeasureTheMachine() throws IOException {
    Path bat = battery(root, "BAT0", "Charging");
    write(bat.resolve("power_now"), 30_000_000);
    assertEquals(Probe.missing("no battery discharging"), BatteryMeter.open(root));
    PowerMeter meter = new BatteryMeter(bat);
    assertEquals(OptionalDouble.empty(), meter.watts());
    assertEquals(Optional.of("on mains power: the battery does not measure the machine's draw"),
        meter.unavailableReason());
    Files.writeString(bat.resolve("status"), "Discharging\n");
    assertEquals(OptionalDouble.of(30.0), meter.watts(), "unplugged: the same meter measures again");
    assertEquals(Optional.empty(), meter.unavailableReason());
  }

  static Path raplZone(Path root, String name, long energy) throws IOException {
    Path zone = Files.createDirectories(root.resolve(RaplMeter.POWERCAP).resolve(name));
    write(zone.resolve("max_energy_range_uj"), RAPL_RANGE);
    write(zone.resolve("energy_uj"), energy);
    return zone;
  }

  static Path hwmon(Path root, String device, String name) throws IOException {
    Path sensor = Files.createDirectories(root.resolve(HwmonMeter.HWMON).resolve(device));
    Files.writeString(sensor.resolve("name"), name + "\n");
    return sensor;
  }

  static Path battery(Path root, String name, String status) throws IOException {
    Path bat = Files.createDirectories(root.resolve(BatteryMeter.POWER_SUPPLY).resolve(name));
    Files.writeString(bat.resolve("type"), "Battery\n");
    Files.writeString(bat.resolve("status"), status + "\n");
    return bat;
  }

  static void write(Path file, long value) throws IOException {
    Files.writeString(file, value + "\n");
  }
}

package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AnswerEnergy} on a real sampler reading a fixture hwmon sensor, in pieces shorter than the test. */
class AnswerEnergyTest {
  private static final Duration PERIOD = PowerSampler.MIN_PERIOD;
  private static final Duration PIECE = Duration.ofMillis(500);
  private static final Duration LAG = Duration.ofMillis(300);

  private static final String SENSOR = "pith-fixture";

  @TempDir Path sysfs;
  private PowerMeter meter;
  private PowerSampler sampler;

  @AfterEach
  void close() {
    if (sampler != null) {
      sampler.close();
    }
    if (meter != null) {
      meter.close();
    }
  }

  /** A sampler every {@link #PERIOD} of the sensor {@code input}, once it has a first reading. */
  private void sample(Path input) throws InterruptedException {
    meter = PowerMeters.detect(sysfs, Map.of());
    assertEquals("hwmon " + SENSOR, meter.source(), "the fixture sensor is the meter");
    sampler = new PowerSampler(meter, PERIOD);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sampler.latest().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(sampler.latest().isPresent(), "no first reading from " + input);
  }

  /** Ticks every 20 ms for {@code duration}, as tokens would. */
  private static void tick(AnswerEnergy energy, Duration duration) throws InterruptedException {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      energy.tick(System.nanoTime());
      Thread.sleep(20);
    }
  }

  @Test
  void piecesAddUpToWhatOneSpanOverTheSameReadingsGives() throws Exception {
    Path input = hwmon(sysfs, 2_000_000);
    sample(input);
    long start = System.nanoTime();
    AnswerEnergy energy = new AnswerEnergy(sampler, start, PIECE, LAG);
    tick(energy, Duration.ofMillis(900));
    Files.writeString(input, "6000000\n"); // the draw changes in the middle of the answer
    tick(energy, Duration.ofMillis(900));
    long end = System.nanoTime();
    Thread.sleep(2 * PERIOD.toMillis());
    sampler.close(); // the readings stay; both sums below see the same ones

    Optional<EnergyUse> use = energy.finish(end);

    assertTrue(energy.pieces() >= 2, "the answer was summed in pieces: " + energy.pieces());
    assertTrue(use.isPresent(), "the readings cover the answer");
    double whole = sampler.energyJoules(start, end).orElseThrow();
    assertEquals(whole, use.get().joules(), whole * 1e-9);
    double seconds = (end - start) / 1e9;
    assertEquals(seconds, use.get().seconds(), 1e-9);
    assertTrue(use.get().averageWatts() > 2.5 && use.get().averageWatts() < 5.5,
        "between the two draws: " + use.get().averageWatts());
    assertEquals("hwmon " + SENSOR, use.get().source());
    assertTrue(use.get().measured());
  }

  @Test
  void aConstantDrawGivesItsWattsTimesTheSpan() throws Exception {
    sample(hwmon(sysfs, 4_500_000));
    long start = System.nanoTime();
    AnswerEnergy energy = new AnswerEnergy(sampler, start, PIECE, LAG);
    tick(energy, Duration.ofMillis(1300));
    long end = System.nanoTime();

    EnergyUse use = energy.finish(end).orElseThrow();

    assertTrue(energy.pieces() >= 1, "at least one piece: " + energy.pieces());
    assertEquals(4.5 * (end - start) / 1e9, use.joules(), 1e-6);
    assertEquals(4.5, use.averageWatts(), 1e-6);
  }

  @Test
  void aSensorThatStopsReadingGivesNoEnergyRatherThanAGuess() throws Exception {
    Path input = hwmon(sysfs, 4_500_000);
    sample(input);
    long start = System.nanoTime();
    AnswerEnergy energy = new AnswerEnergy(sampler, start, PIECE, LAG);
    tick(energy, Duration.ofMillis(200));
    Files.delete(input); // every read fails from now on
    tick(energy, Duration.ofMillis(1200));

    assertEquals(Optional.empty(), energy.finish(System.nanoTime()));
  }

  @Test
  void withoutAMeterThereIsNoEnergy() {
    meter = PowerMeter.none("no sensor in this test");
    sampler = PowerSampler.of(meter);
    long start = System.nanoTime();
    AnswerEnergy energy = new AnswerEnergy(sampler, start);
    energy.tick(start + Duration.ofSeconds(30).toNanos());
    assertEquals(Optional.empty(), energy.finish(start + Duration.ofSeconds(31).toNanos()));
  }

  @Test
  void aPieceMustBeLongerThanItsLag() {
    meter = PowerMeter.none("no sensor in this test");
    sampler = PowerSampler.of(meter);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AnswerEnergy(sampler, 0, Duration.ofMillis(100), Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("longer than its lag"), e::getMessage);
  }

  /** A hwmon power sensor under {@code sysfs} reading {@code microwatts}; returns its file, to change or delete. */
  private static Path hwmon(Path sysfs, long microwatts) throws IOException {
    Path sensor = SysfsMetersTest.hwmon(sysfs, "hwmon0", SENSOR);
    Path input = sensor.resolve("power1_input");
    Files.writeString(input, microwatts + "\n");
    return input;
  }
}

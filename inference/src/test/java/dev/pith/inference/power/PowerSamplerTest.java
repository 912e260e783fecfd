package dev.pith.inference.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PowerSamplerTest {
  private static final Duration PERIOD = Duration.ofMillis(100);
  private static final long MS = 1_000_000L;

  @Test
  void theEnergyOfAConstantDrawIsPowerTimesTime() throws InterruptedException {
    FixtureMeter meter = new FixtureMeter(n -> 5.0);
    try (PowerSampler sampler = new PowerSampler(meter, PERIOD)) {
      waitForReads(meter, 2);
      long from = System.nanoTime();
      Thread.sleep(600);
      long to = System.nanoTime();
      double expected = 5.0 * (to - from) / 1e9;
      assertEquals(expected, sampler.energyJoules(from, to).getAsDouble(), expected * 0.1);
      assertEquals(OptionalDouble.of(5.0), sampler.latest());
    }
  }

  /**
   * A ramp of 1 W per read with reads 100 ms long on the sampler's clock, each stamped mid-read (the k-th, of k W,
   * at k × 100 − 50 ms): the power is t / 100 ms + 0.5 W, on which the trapezoid rule is exact.
   */
  @Test
  void theTrapezoidRuleInterpolatesBetweenReadings() throws InterruptedException {
    AtomicInteger reads = new AtomicInteger();
    FixtureMeter meter = new FixtureMeter(n -> reads.incrementAndGet());
    try (PowerSampler sampler = new PowerSampler(meter, PERIOD, () -> reads.get() * 100 * MS)) {
      waitForReads(meter, 6);
      assertEquals(1.4, sampler.energyJoules(100 * MS, 500 * MS).getAsDouble(), 1e-9); // 1.5 → 5.5 W over 0.4 s
      assertEquals(0.25, sampler.energyJoules(150 * MS, 250 * MS).getAsDouble(), 1e-9); // 2 → 3 W over 0.1 s
      assertEquals(0.0, sampler.energyJoules(300 * MS, 300 * MS).getAsDouble(), 1e-9);
      assertEquals(OptionalDouble.empty(), sampler.energyJoules(-500 * MS, 300 * MS), "before the first reading");
      assertEquals(OptionalDouble.empty(), sampler.energyJoules(300 * MS, 200 * MS), "a span that ends first");
    }
  }

  @Test
  void theMeterIsReadAtMostTenTimesASecondOnItsOwnDaemonThread() throws InterruptedException {
    FixtureMeter meter = new FixtureMeter(n -> 3.0);
    try (PowerSampler sampler = new PowerSampler(meter, PERIOD)) {
      Thread.sleep(1000);
      int reads = meter.reads.get();
      assertTrue(reads >= 5 && reads <= 11, reads + " reads in one second");
      assertEquals(PowerSampler.THREAD_NAME, meter.thread.get().getName());
      assertTrue(meter.thread.get().isDaemon());
      sampler.close();
      Thread.sleep(50);
      int afterClose = meter.reads.get();
      Thread.sleep(250);
      assertEquals(afterClose, meter.reads.get(), "closed: no more reads");
      assertEquals(OptionalDouble.of(3.0), sampler.latest(), "readings taken so far stay available");
    }
    IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
        () -> new PowerSampler(meter, Duration.ofMillis(50)));
    assertEquals("the power meter is read at most 10 times a second, not every 50 ms", tooFast.getMessage());
  }

  @Test
  void aFailingReadEmptiesTheLatestAndAThrowingMeterDoesNotStopTheSampler() throws InterruptedException {
    FixtureMeter meter = new FixtureMeter(n -> {
      if (n == 2) {
        throw new IllegalStateException("sensor gone");
      }
      return n <= 5 && n > 2 ? Double.NaN : 4.0;
    });
    try (PowerSampler sampler = new PowerSampler(meter, PERIOD)) {
      waitForReads(meter, 3);
      assertEquals(OptionalDouble.empty(), sampler.latest());
      waitForReads(meter, 7);
      assertEquals(OptionalDouble.of(4.0), sampler.latest());
    }
  }

  /**
   * Eight reads on the sampler's clock, the k-th stamped at k × 100 − 50 ms: 2 W for the first four (the machine
   * idle), then 6 W (answering); later reads give nothing, so the history stays as it is.
   */
  @Test
  void anAnswersEnergyUseHasTheIdleDrawBeforeItAsItsBaseline() throws InterruptedException {
    AtomicInteger reads = new AtomicInteger();
    FixtureMeter meter = new FixtureMeter(n -> {
      reads.incrementAndGet();
      return n <= 4 ? 2.0 : n <= 8 ? 6.0 : Double.NaN;
    });
    try (PowerSampler sampler = PowerSampler.withClock(meter, PERIOD, () -> reads.get() * 100 * MS)) {
      waitForReads(meter, 9);
      EnergyUse use = sampler.energyUse(400 * MS, 750 * MS).orElseThrow();
      assertEquals(0.25 + 1.8, use.joules(), 1e-9); // 4 → 6 W over 50 ms, then 6 W for 300 ms
      assertEquals(0.35, use.seconds(), 1e-9);
      assertEquals(2.05 / 0.35, use.averageWatts(), 1e-9);
      assertEquals(2.0, use.idleWatts(), 1e-9, "the reads at 50 to 350 ms");
      assertEquals(2.05 - 2.0 * 0.35, use.aboveIdleJoules().getAsDouble(), 1e-9);
      assertEquals("fixture", use.source());
      assertTrue(use.measured());

      EnergyUse noBaseline = sampler.energyUse(40 * MS, 250 * MS).orElseThrow();
      assertTrue(Double.isNaN(noBaseline.idleWatts()), "no reading in the two seconds before 40 ms");
      assertEquals(OptionalDouble.empty(), noBaseline.aboveIdleJoules());
      assertEquals(2.0 * 0.21, noBaseline.joules(), 1e-9);

      PowerSampler.Readings recent = sampler.readingsSince(300 * MS);
      assertEquals(5, recent.size());
      assertEquals(350 * MS, recent.nanos()[0]);
      assertEquals(750 * MS, recent.nanos()[4]);
      assertEquals(2.0, recent.watts()[0]);
      assertEquals(6.0, recent.watts()[4]);
      assertEquals(8, sampler.readingsSince(Long.MIN_VALUE).size());
      assertEquals(OptionalDouble.of(4.0), sampler.averageWatts(0, 800 * MS));
      assertEquals(OptionalDouble.empty(), sampler.averageWatts(760 * MS, 900 * MS));
    }
  }

  @Test
  void withoutAMeterThereIsNoEnergy() throws InterruptedException {
    try (PowerSampler sampler = PowerSampler.of(PowerMeter.none("no sensor here"))) {
      Thread.sleep(50);
      assertEquals(OptionalDouble.empty(), sampler.latest());
      assertEquals(Optional.empty(), sampler.energyUse(0, System.nanoTime()));
      assertEquals(0, sampler.readingsSince(Long.MIN_VALUE).size());
      assertEquals(PowerSampler.DEFAULT_PERIOD, sampler.period());
    }
  }

  private static void waitForReads(FixtureMeter meter, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (meter.reads.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(20); // let the sampler record the read it just made
    assertTrue(meter.reads.get() >= count, "the sampler made " + meter.reads.get() + " reads");
  }

  /** A meter whose n-th reading (from 1) is given by the test; NaN stands for "no reading". */
  private static final class FixtureMeter implements PowerMeter {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicReference<Thread> thread = new AtomicReference<>();
    private final IntToDoubleFunction readings;

    FixtureMeter(IntToDoubleFunction readings) {
      this.readings = readings;
    }

    @Override
    public String source() {
      return "fixture";
    }

    @Override
    public OptionalDouble watts() {
      thread.set(Thread.currentThread());
      double watts = readings.applyAsDouble(reads.incrementAndGet());
      return Double.isNaN(watts) ? OptionalDouble.empty() : OptionalDouble.of(watts);
    }
  }
}

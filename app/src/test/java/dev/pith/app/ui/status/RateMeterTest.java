package dev.pith.app.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The meter on synthetic clocks: every time is in nanoseconds from an arbitrary origin, as nanoTime is. */
class RateMeterTest {
  private static final long MS = 1_000_000L;

  private final RateMeter meter = new RateMeter();

  /** Feeds one token every {@code intervalMs} from {@code fromMs} for {@code count} tokens; returns the last time. */
  private long stream(long originNanos, int firstToken, long fromMs, long intervalMs, int count) {
    long t = originNanos + fromMs * MS;
    for (int i = 0; i < count; i++) {
      t = originNanos + (fromMs + i * intervalMs) * MS;
      meter.sample(firstToken + i, t);
    }
    return t;
  }

  @Test
  void aSteadyStreamReadsItsRateAndTtftExcludesNothingButTheWait() {
    meter.start(0);
    long last = stream(0, 1, 320, 50, 61); // 20 tok/s after a 320 ms prefill
    assertEquals(20.0, meter.tokensPerSecond(last), 1e-9);
    assertEquals(20.0, meter.tokensPerSecond(last + 10 * MS), 1e-9, "a gap shorter than one interval is no pause");
    assertEquals(320.0, meter.ttftMillis(), 1e-9);
    assertEquals(61, meter.tokens());
  }

  @Test
  void severalTokensPerFrameGiveTheSameSteadyFigure() {
    meter.start(0);
    long frame = 16_666_667L; // 60 Hz pulses, 2 and 3 tokens alternately: 150 tok/s
    int total = 0;
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int i = 1; i <= 240; i++) {
      total += i % 2 == 0 ? 2 : 3;
      long now = 100 * MS + i * frame;
      meter.sample(total, now);
      if (i > 80) {
        double rate = meter.tokensPerSecond(now);
        lowest = Math.min(lowest, rate);
        highest = Math.max(highest, rate);
      }
    }
    assertTrue(lowest > 146 && highest < 154, "between " + lowest + " and " + highest);
  }

  @Test
  void itFollowsAChangeWithinAboutOneWindow() {
    meter.start(0);
    long last = stream(0, 1, 200, 100, 30); // 10 tok/s for 3 s
    assertEquals(10.0, meter.tokensPerSecond(last), 1e-9);
    long faster = stream(0, 31, (last / MS) + 33, 33, 40); // then ~30 tok/s
    double rate = meter.tokensPerSecond(faster);
    assertEquals(1000.0 / 33, rate, 0.01, "1.3 s later only the new pace is in the window");
  }

  @Test
  void samplesWithoutNewTokensDoNotCountAsArrivals() {
    meter.start(1_000 * MS);
    meter.sample(0, 1_100 * MS); // held-back text: something arrived, but no token
    assertTrue(Double.isNaN(meter.ttftMillis()));
    meter.sample(1, 1_250 * MS);
    meter.sample(1, 1_270 * MS);
    meter.sample(2, 1_300 * MS);
    assertEquals(250.0, meter.ttftMillis(), 1e-9);
    assertEquals(20.0, meter.tokensPerSecond(1_300 * MS), 1e-9);
  }

  @Test
  void oneSampleGivesATtftButNoRate() {
    meter.start(0);
    assertTrue(Double.isNaN(meter.tokensPerSecond(0)));
    assertTrue(Double.isNaN(meter.ttftMillis()));
    meter.sample(3, 400 * MS);
    assertEquals(400.0, meter.ttftMillis(), 1e-9);
    assertTrue(Double.isNaN(meter.tokensPerSecond(400 * MS)));
    assertTrue(Double.isNaN(meter.tokensPerSecond(5_000 * MS)), "still no rate: one arrival measures nothing");
  }

  @Test
  void aPauseLowersTheFigureSmoothlyAndStreamingAgainRestoresIt() {
    meter.start(0);
    long last = stream(0, 1, 100, 50, 41); // 20 tok/s
    double previous = meter.tokensPerSecond(last);
    for (long pause = 10; pause <= 5_000; pause += 10) {
      double rate = meter.tokensPerSecond(last + pause * MS);
      assertTrue(rate <= previous + 1e-9, "never rises during a pause: " + rate + " after " + pause + " ms");
      assertTrue(previous - rate < 1.5, "no jump: " + previous + " -> " + rate + " at " + pause + " ms");
      previous = rate;
    }
    assertTrue(meter.tokensPerSecond(last + 500 * MS) < 12);
    assertEquals(0.5, meter.tokensPerSecond(last + 2_000 * MS), 1e-9, "no token for 2 s: at most one per 2 s");
    long resumed = stream(0, 42, last / MS + 5_000, 50, 25);
    assertEquals(20.0, meter.tokensPerSecond(resumed), 1e-9);
  }

  @Test
  void startForgetsTheLastAnswer() {
    meter.start(0);
    stream(0, 1, 100, 50, 30);
    meter.start(10_000 * MS);
    assertEquals(0, meter.tokens());
    assertTrue(Double.isNaN(meter.tokensPerSecond(10_000 * MS)));
    assertTrue(Double.isNaN(meter.ttftMillis()));
    meter.sample(1, 10_150 * MS);
    assertEquals(150.0, meter.ttftMillis(), 1e-9);
  }

  @Test
  void nanoTimeMayWrapAround() {
    long origin = Long.MAX_VALUE - 1_000 * MS;
    meter.start(origin);
    long last = stream(origin, 1, 300, 50, 61); // crosses Long.MAX_VALUE half way
    assertTrue(last < origin, "the clock wrapped");
    assertEquals(20.0, meter.tokensPerSecond(last), 1e-9);
    assertEquals(300.0, meter.ttftMillis(), 1e-6);
  }

  @Test
  void aShortWindowForgetsSooner() {
    RateMeter quick = new RateMeter(Duration.ofMillis(200));
    quick.start(0);
    for (int i = 1; i <= 20; i++) {
      quick.sample(i, i * 100 * MS); // 10 tok/s
    }
    for (int i = 21; i <= 30; i++) {
      quick.sample(i, 2_000 * MS + (i - 20) * 25 * MS); // then 40 tok/s
    }
    assertEquals(40.0, quick.tokensPerSecond(2_250 * MS), 1e-9);
    assertEquals(Duration.ofMillis(200), quick.window());
  }

  @Test
  void misuseFailsLoudly() {
    assertThrows(IllegalStateException.class, () -> meter.sample(1, 0));
    meter.start(100 * MS);
    meter.sample(5, 200 * MS);
    IllegalArgumentException fell = assertThrows(IllegalArgumentException.class, () -> meter.sample(4, 300 * MS));
    assertEquals("the token count fell from 5 to 4", fell.getMessage());
    assertThrows(IllegalArgumentException.class, () -> meter.sample(6, 150 * MS));
    assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ZERO));
  }
}

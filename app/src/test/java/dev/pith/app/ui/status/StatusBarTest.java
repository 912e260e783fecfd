package dev.pith.app.ui.status;

import static dev.pith.app.ui.status.StatusBarHandle.fx;
import static dev.pith.app.ui.status.StatusBarHandle.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.pith.inference.power.PowerMeter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The bar in a real (headless) window, with the light AtlantaFX theme, a real sampler thread and a test clock. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {
  private static final long MS = 1_000_000L;
  private static final String NO_SENSOR = "no power sensor found (no PMIC, hwmon or RAPL)";

  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "pith-status-sampler-test");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong clock = new AtomicLong();
  private Stage stage;
  private StatusBar bar;
  private StatusBarHandle handle;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    this.stage = stage;
    stage.show();
  }

  @AfterEach
  void closeBar() throws Exception {
    if (bar != null) {
      onFx(bar::close);
    }
    sampler.shutdownNow();
    assertTrue(sampler.awaitTermination(5, TimeUnit.SECONDS));
  }

  private void show(PowerMeter power, double width) {
    show(power, fixtureMemory(), width);
  }

  private void show(PowerMeter power, ProcessMemory memory, double width) {
    onFx(() -> {
      bar = new StatusBar(power, memory, sampler, clock::get, Platform::runLater);
      stage.setScene(new Scene(new VBox(bar), width, 60));
    });
    handle = new StatusBarHandle(bar);
  }

  private static ProcessMemory fixtureMemory() {
    try {
      Path status = Path.of(StatusBarTest.class.getResource("proc-self-status.txt").toURI());
      return new ProcessMemory(status, () -> 0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * An answer at 20 tok/s, its first token 300 ms after the start, the clock left at the last token. Returns what
   * the speed and token fields read straight after, in the same FX-thread turn.
   */
  private List<String> streamTwentyPerSecond(int count) {
    return fx(() -> {
      bar.answerStarted(0);
      for (int i = 1; i <= count; i++) {
        long now = (300 + (i - 1) * 50L) * MS;
        clock.set(now);
        bar.tokens(i, now);
      }
      return List.of(((Label) bar.lookup("." + StatusBar.RATE)).getText(),
          ((Label) bar.lookup("." + StatusBar.TOKENS)).getText());
    });
  }

  @Test
  void setModelShowsTheBackendBadgeTheNameAndTheContextSize() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    onFx(() -> bar.setModel("hailo", "Qwen2.5-1.5B-Instruct", 2048));
    assertEquals("NPU", handle.text(StatusBar.BACKEND));
    assertTrue(handle.hasStyleClass(StatusBar.BACKEND, "npu"));
    assertEquals("Qwen2.5-1.5B-Instruct", handle.text(StatusBar.MODEL));
    assertEquals("Model Qwen2.5-1.5B-Instruct", handle.accessibleText(StatusBar.MODEL));
    handle.waitForText(StatusBar.CONTEXT, "context 0 / 2,048");
    assertTrue(handle.tooltip(StatusBar.BACKEND).contains("Hailo-10H"));

    onFx(() -> bar.setModel("cpu", "SmolLM2-360M", 8192));
    assertEquals("CPU", handle.text(StatusBar.BACKEND));
    assertTrue(handle.hasStyleClass(StatusBar.BACKEND, "cpu"));
    assertFalse(handle.hasStyleClass(StatusBar.BACKEND, "npu"), "one accent at a time");
    handle.waitForText(StatusBar.CONTEXT, "context 0 / 8,192");
    onFx(() -> bar.setModel("cloud", "gpt-4o-mini", 128_000));
    assertEquals("Cloud", handle.text(StatusBar.BACKEND));

    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> onFx(() -> bar.setModel("tpu", "x", 10)));
    assertEquals("unknown backend 'tpu' (expected cpu, hailo or cloud)", unknown.getMessage());
    assertEquals("Cloud", handle.text(StatusBar.BACKEND), "a refused model changes nothing");
  }

  @Test
  void withoutAModelTheBadgeAndNameSaySoAndNoFiguresShow() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    assertEquals("No model loaded", handle.text(StatusBar.MODEL));
    assertEquals("No model is loaded", handle.accessibleText(StatusBar.BACKEND));
    onFx(() -> bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 4096));
    streamTwentyPerSecond(10);
    onFx(bar::clearModel);
    assertEquals("No model loaded", handle.text(StatusBar.MODEL));
    assertEquals("—", handle.text(StatusBar.BACKEND));
    for (String field : List.of(StatusBar.RATE, StatusBar.TTFT, StatusBar.TOKENS, StatusBar.CONTEXT)) {
      assertFalse(handle.shown(field), field);
    }
  }

  @Test
  void tokensFeedTheMeterAndTheTimerRedrawsSpeedTtftAndCount() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    onFx(() -> bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 4096));
    assertEquals(List.of("— tok/s", "0 tokens"), streamTwentyPerSecond(41), "41 tokens redrew nothing");
    assertFalse(handle.shown(StatusBar.TTFT), "no TTFT before the first token shows");
    assertTrue(fx(() -> bar.getPseudoClassStates().contains(PseudoClass.getPseudoClass("streaming"))));

    handle.waitForText(StatusBar.RATE, "20.0 tok/s");
    assertEquals("TTFT 300 ms", handle.text(StatusBar.TTFT));
    assertEquals("41 tokens", handle.text(StatusBar.TOKENS));
    assertEquals("Speed 20.0 tokens per second, over the last second", handle.accessibleText(StatusBar.RATE));

    clock.addAndGet(2_000 * MS); // the model stalls: the figure sinks on the next redraws
    handle.waitForText(StatusBar.RATE, "0.5 tok/s");
  }

  @Test
  void answerFinishedShowsTheExactFiguresAndStopsTheLiveOnes() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    onFx(() -> bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 4096));
    streamTwentyPerSecond(30);
    onFx(() -> bar.answerFinished(96, 128, 320.4, 14.23));
    assertEquals("14.2 tok/s", handle.text(StatusBar.RATE));
    assertEquals("TTFT 320 ms", handle.text(StatusBar.TTFT));
    assertEquals("128 tokens", handle.text(StatusBar.TOKENS));
    assertEquals("Tokens: 96 read from the prompt, 128 generated", handle.tooltip(StatusBar.TOKENS));
    assertFalse(fx(() -> bar.getPseudoClassStates().contains(PseudoClass.getPseudoClass("streaming"))));

    onFx(() -> bar.tokens(31, 2_000 * MS)); // a late flush changes nothing, and the timer is stopped
    clock.addAndGet(5_000 * MS);
    sleepMillis(600); // two redraw periods, had the timer still run
    assertEquals("14.2 tok/s", handle.text(StatusBar.RATE));
    assertEquals("128 tokens", handle.text(StatusBar.TOKENS));

    onFx(() -> bar.answerFinished(12, 1, Double.NaN, Double.NaN));
    assertEquals("— tok/s", handle.text(StatusBar.RATE));
    assertFalse(handle.shown(StatusBar.TTFT), "unknown TTFT is not shown");
    assertEquals("1 token", handle.text(StatusBar.TOKENS));
  }

  @Test
  void theContextTurnsToAWarningFromNinetyPercent() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    onFx(() -> {
      bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 4096);
      bar.setContextUsed(3686); // 89.99 %
    });
    assertEquals("context 3,686 / 4,096", handle.text(StatusBar.CONTEXT));
    assertFalse(handle.hasStyleClass(StatusBar.CONTEXT, StatusBar.WARNING));
    onFx(() -> bar.setContextUsed(3687)); // 90.01 %
    assertTrue(handle.hasStyleClass(StatusBar.CONTEXT, StatusBar.WARNING));
    assertTrue(handle.tooltip(StatusBar.CONTEXT).contains("the oldest turns will be left out"));
    assertEquals("Context 3687 of 4096 tokens, nearly full", handle.accessibleText(StatusBar.CONTEXT));
    onFx(() -> bar.setContextUsed(100));
    assertFalse(handle.hasStyleClass(StatusBar.CONTEXT, StatusBar.WARNING));
  }

  @Test
  void memoryComesFromTheSampler() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    handle.waitForText(StatusBar.MEMORY, "memory 312 MB");
    assertEquals("Pith's memory: 312.0 MiB: resident set size (VmRSS)", handle.tooltip(StatusBar.MEMORY));
    assertEquals("Memory 312 MB", handle.accessibleText(StatusBar.MEMORY));
  }

  @Test
  void memoryIsNeverReadOnTheFxThread(@TempDir Path noProc) {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger readsOnFxThread = new AtomicInteger();
    ProcessMemory jvmOnly = new ProcessMemory(noProc.resolve("status"), () -> {
      reads.incrementAndGet();
      if (Platform.isFxApplicationThread()) {
        readsOnFxThread.incrementAndGet();
      }
      return 300L * 1024 * 1024;
    });
    long start = System.nanoTime();
    show(PowerMeter.none(NO_SENSOR), jvmOnly, 1600);
    handle.waitForText(StatusBar.MEMORY, "memory 300 MB");
    assertTrue(handle.tooltip(StatusBar.MEMORY).contains("JVM heap + non-heap"));
    sleepMillis(500);
    long elapsedMillis = (System.nanoTime() - start) / MS;
    assertEquals(0, readsOnFxThread.get());
    assertTrue(reads.get() <= 1 + elapsedMillis / StatusBar.MEMORY_PERIOD_MILLIS,
        reads.get() + " reads in " + elapsedMillis + " ms: every 2 s, not every pulse");
  }

  @Test
  void wattsShowADashAndTheReasonWhenThereIsNoMeter() {
    show(PowerMeter.none(NO_SENSOR), 1600);
    assertEquals("— W", handle.text(StatusBar.POWER));
    assertEquals("Power: no reading. No power sensor found (no PMIC, hwmon or RAPL)", handle.tooltip(StatusBar.POWER));
    assertEquals("Power unknown: " + NO_SENSOR, handle.accessibleText(StatusBar.POWER));
    sleepMillis(700); // a sample or two later it still says so
    assertEquals("— W", handle.text(StatusBar.POWER));
  }

  @Test
  void wattsFromAWorkingMeterNameTheirSourceAndAreReadOffTheFxThreadAtMostTwiceASecond() {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger readsOnFxThread = new AtomicInteger();
    PowerMeter rail = new PowerMeter() {
      @Override
      public String source() {
        return "Pi 5 PMIC";
      }

      @Override
      public OptionalDouble watts() {
        reads.incrementAndGet();
        if (Platform.isFxApplicationThread()) {
          readsOnFxThread.incrementAndGet();
        }
        return OptionalDouble.of(6.43);
      }
    };
    show(rail, 1600);
    handle.waitForText(StatusBar.POWER, "6.4 W");
    assertEquals("Power drawn now: 6.4 W, measured by Pi 5 PMIC", handle.tooltip(StatusBar.POWER));
    int before = reads.get();
    sleepMillis(1_600);
    int during = reads.get() - before;
    assertTrue(during >= 1 && during <= 4, during + " reads in 1.6 s: twice a second at most");
    assertEquals(0, readsOnFxThread.get());

    onFx(bar::close);
    sleepMillis(100); // a read already under way may finish
    int afterClose = reads.get();
    sleepMillis(1_100);
    assertEquals(afterClose, reads.get(), "close() stops the samples");
  }

  @Test
  void aFailingMeterShowsADashAndWhy() {
    PowerMeter broken = new PowerMeter() {
      @Override
      public String source() {
        return "hwmon";
      }

      @Override
      public OptionalDouble watts() {
        throw new IllegalStateException("power1_input vanished");
      }
    };
    show(broken, 1600);
    handle.waitForText(StatusBar.POWER, "— W");
    handle.waitUntil("the failure to show", () -> handle.tooltip(StatusBar.POWER).contains("vanished"));
    assertEquals("Power: no reading. Reading hwmon failed: power1_input vanished", handle.tooltip(StatusBar.POWER));
  }

  @Test
  void aNarrowWindowCondensesThenDropsTheLeastImportantFieldsFirst() {
    show(PowerMeter.none(NO_SENSOR), 800);
    onFx(() -> {
      bar.setModel("cpu", "Qwen2.5-1.5B-Instruct (INT4, onnxruntime-genai)", 4096);
      bar.setContextUsed(1234);
    });
    handle.waitUntil("the memory sample", () -> handle.shown(StatusBar.MEMORY));
    streamTwentyPerSecond(41);
    handle.waitForText(StatusBar.RATE, "20.0 tok/s");
    for (String field : List.of(StatusBar.RATE, StatusBar.TTFT, StatusBar.TOKENS, StatusBar.CONTEXT,
        StatusBar.MEMORY, StatusBar.POWER)) {
      assertTrue(handle.shown(field), field + " fits at 800 px");
    }
    handle.waitUntil("fields within the bar", () -> handle.rightEdge(StatusBar.POWER) <= handle.width());

    onFx(() -> stage.setWidth(480));
    handle.waitUntil("the bar to narrow", () -> handle.width() <= 480);
    handle.waitUntil("memory to go", () -> !handle.shown(StatusBar.MEMORY));
    assertTrue(handle.shown(StatusBar.RATE), "speed stays");
    assertTrue(handle.shown(StatusBar.POWER), "watts stay");
    assertFalse(handle.shown(StatusBar.TOKENS), "the token count goes before the context");
    assertEquals("1,234 / 4,096", handle.text(StatusBar.CONTEXT), "condensed");
    handle.waitUntil("fields within the bar", () -> handle.rightEdge(StatusBar.POWER) <= handle.width());
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

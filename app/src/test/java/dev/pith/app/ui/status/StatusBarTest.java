package dev.pith.app.ui.status;

import static dev.pith.app.ui.status.StatusBarHandle.fx;
import static dev.pith.app.ui.status.StatusBarHandle.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The bar in a real (headless) window, with the light AtlantaFX theme, a real memory sampler thread, a real power
 * sampler over a fixture meter (the hardware we cannot have) and a test clock.
 */
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
  private final List<PowerSampler> powerSamplers = new ArrayList<>();
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
    powerSamplers.forEach(PowerSampler::close);
  }

  private void show(PowerMeter power, double width) {
    show(power, fixtureMemory(), width);
  }

  private void show(PowerMeter power, ProcessMemory memory, double width) {
    show(sample(power), memory, clock::get, width);
  }

  /** The bar on the real clock, as the power sampler stamps its readings with it. */
  private void showOnRealClock(PowerSampler power, double width) {
    show(power, fixtureMemory(), System::nanoTime, width);
  }

  private void show(PowerSampler power, ProcessMemory memory, LongSupplier barClock, double width) {
    onFx(() -> {
      bar = new StatusBar(power, memory, sampler, barClock, Platform::runLater);
      stage.setScene(new Scene(new VBox(bar), width, 60));
    });
    handle = new StatusBarHandle(bar);
  }

  /** A real sampler of {@code meter}, ten reads a second, closed after the test. */
  private PowerSampler sample(PowerMeter meter) {
    PowerSampler power = new PowerSampler(meter, Duration.ofMillis(100));
    powerSamplers.add(power);
    return power;
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
    assertEquals("Power: no reading. No power sensor found (no PMIC, hwmon or RAPL).\n" + PowerMeters.HOW_TO_ENABLE,
        handle.tooltip(StatusBar.POWER));
    assertEquals("Power unknown: " + NO_SENSOR, handle.accessibleText(StatusBar.POWER));
    sleepMillis(700); // a sample or two later it still says so
    assertEquals("— W", handle.text(StatusBar.POWER));
  }

  @Test
  void wattsComeFromTheSamplerWithTheirSourceAndScopeAndTheMeterIsNeverReadOnTheFxThread() {
    FixtureMeter rail = new FixtureMeter(n -> OptionalDouble.of(6.43));
    PowerSampler power = sample(rail);
    showOnRealClock(power, 1600);
    handle.waitForText(StatusBar.POWER, "6.4 W");
    assertEquals("Power drawn now: 6.4 W, measured by Pi 5 PMIC — covers " + FixtureMeter.SCOPE,
        handle.tooltip(StatusBar.POWER));
    assertEquals("Power 6.4 W from Pi 5 PMIC", handle.accessibleText(StatusBar.POWER));
    assertEquals(0, rail.readsOnFxThread.get());

    onFx(bar::close);
    int afterClose = rail.reads.get();
    handle.waitUntil("the sampler to read on", () -> rail.reads.get() > afterClose + 2);
    assertTrue(power.latest().isPresent(), "the bar borrows the sampler: closing it leaves the sampler running");
  }

  @Test
  void aFailingMeterShowsADashAndWhy() {
    FixtureMeter broken = new FixtureMeter(n -> {
      throw new IllegalStateException("power1_input vanished");
    });
    broken.reason = Optional.of("reading power1_input failed: vanished");
    show(broken, 1600);
    handle.waitForText(StatusBar.POWER, "— W");
    assertEquals("Power: no reading. Reading power1_input failed: vanished", handle.tooltip(StatusBar.POWER));
    assertFalse(handle.shown(StatusBar.SPARK), "no readings, no sparkline");
  }

  @Test
  void theSparklineShowsOnceReadingsArriveAndSumsUpTheMinute() {
    AtomicInteger from = new AtomicInteger(Integer.MAX_VALUE);
    double[] cycle = {3.9, 4.6, 6.1, 5.2};
    FixtureMeter rail = new FixtureMeter(n -> n < from.get() ? OptionalDouble.empty()
        : OptionalDouble.of(cycle[(n - from.get()) % cycle.length]));
    showOnRealClock(sample(rail), 1600);
    handle.waitUntil("a few reads", () -> rail.reads.get() >= 3);
    sleepMillis((long) (2 * StatusBar.POWER_REFRESH.toMillis()));
    assertFalse(handle.shown(StatusBar.SPARK), "no readings yet: no sparkline");
    assertEquals("— W", handle.text(StatusBar.POWER));
    assertEquals("Power: no reading. No reading from Pi 5 PMIC yet", handle.tooltip(StatusBar.POWER));

    from.set(rail.reads.get());
    handle.waitUntil("the sparkline", () -> handle.shown(StatusBar.SPARK));
    handle.waitUntil("a whole cycle", () -> handle.sparkDescription().startsWith("Last minute: 3.9–6.1 W"));
    assertEquals("Last minute: 3.9–6.1 W, no tokens generated. Click for the chart.", handle.sparkDescription());
    assertTrue(handle.text(StatusBar.POWER).matches("\\d\\.\\d W"), handle.text(StatusBar.POWER));
    assertTrue(handle.tooltip(StatusBar.POWER).contains("measured by Pi 5 PMIC — covers " + FixtureMeter.SCOPE));
    assertTrue(handle.rightEdge(StatusBar.SPARK) <= handle.width(), "the sparkline sits in the bar");
    assertTrue(handle.rightEdge(StatusBar.POWER) <= fx(() -> bar.lookup("." + StatusBar.SPARK).getBoundsInParent()
        .getMinX()), "beside the watts, to their right");
  }

  @Test
  void withTheNpuTheWattsSayItIsNotIncludedAndTheEstimateStaysOutOfTheNumber() {
    showOnRealClock(sample(new FixtureMeter(n -> OptionalDouble.of(5.3))), 1600);
    handle.waitForText(StatusBar.POWER, "5.3 W");
    onFx(() -> bar.setModel("hailo", "Qwen2.5-1.5B-Instruct", 2048));
    assertEquals("5.3 W excl. NPU", handle.text(StatusBar.POWER), "the measurement, marked; never 7.8");
    String tooltip = handle.tooltip(StatusBar.POWER);
    assertEquals("Power drawn now: 5.3 W, measured by Pi 5 PMIC — covers " + FixtureMeter.SCOPE + ".\n"
        + "Not included: " + PowerMeters.NPU_NOT_INCLUDED + ".\n"
        + "Estimate: " + PowerMeters.NPU_ESTIMATE + ".", tooltip);
    assertEquals("Power 5.3 W from Pi 5 PMIC, not including the NPU: " + PowerMeters.NPU_NOT_INCLUDED
        + ". Estimate: " + PowerMeters.NPU_ESTIMATE, handle.accessibleText(StatusBar.POWER));
    handle.waitUntil("the sparkline", () -> handle.shown(StatusBar.SPARK));
    handle.waitUntil("the summary", () -> handle.sparkDescription().contains("(NPU not included)"));
    assertTrue(handle.sparkDescription().startsWith("Last minute: 5.3–5.3 W (NPU not included)"),
        handle.sparkDescription());

    onFx(() -> bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 2048));
    assertEquals("5.3 W", handle.text(StatusBar.POWER));
    assertFalse(handle.tooltip(StatusBar.POWER).contains("NPU"), handle.tooltip(StatusBar.POWER));
  }

  @Test
  void clickingTheSparklineOpensTheChartWithEveryReadingAndEscapeClosesIt(FxRobot robot) {
    FixtureMeter rail = new FixtureMeter(n -> n <= 8 ? OptionalDouble.of(4 + n / 4.0) : OptionalDouble.empty());
    PowerSampler power = sample(rail);
    showOnRealClock(power, 900);
    onFx(() -> bar.setModel("cpu", "Qwen2.5-1.5B-Instruct", 4096));
    handle.waitUntil("eight readings", () -> rail.reads.get() > 8);
    handle.waitUntil("the sparkline", () -> handle.shown(StatusBar.SPARK));
    int readings = power.readingsSince(System.nanoTime() - 60_000_000_000L).size();
    assertEquals(8, readings);

    robot.clickOn(fx(() -> bar.lookup("." + StatusBar.SPARK)));
    handle.waitUntil("the chart to open", handle::chartShowing);
    assertEquals(readings, handle.chartWattPoints());
    assertEquals("Measured by Pi 5 PMIC — covers " + FixtureMeter.SCOPE + ".", handle.chartSource());
    assertFalse(handle.statsButtonShown(), "no statistics page: no button");

    robot.type(KeyCode.ESCAPE);
    handle.waitUntil("Escape to close the chart", () -> !handle.chartShowing());
  }

  @Test
  void theChartOpensFromTheKeyboardAndItsButtonRunsTheStatisticsHook(FxRobot robot) {
    showOnRealClock(sample(new FixtureMeter(n -> OptionalDouble.of(5.0))), 900);
    AtomicInteger opened = new AtomicInteger();
    onFx(() -> bar.setOnOpenStats(opened::incrementAndGet));
    handle.waitUntil("the sparkline", () -> handle.shown(StatusBar.SPARK));
    onFx(() -> bar.lookup("." + StatusBar.SPARK).requestFocus());
    robot.type(KeyCode.ENTER);
    handle.waitUntil("the chart to open", handle::chartShowing);
    assertTrue(handle.statsButtonShown());

    robot.clickOn(fx(handle::statsButton));
    assertEquals(1, opened.get());
    handle.waitUntil("the chart to close for the statistics", () -> !handle.chartShowing());
  }

  @Test
  void aNarrowWindowDropsTheSparklineBeforeTheWatts() {
    showOnRealClock(sample(new FixtureMeter(n -> OptionalDouble.of(5.0))), 1600);
    onFx(() -> {
      bar.setModel("cpu", "Qwen2.5-1.5B-Instruct (INT4, onnxruntime-genai)", 4096);
      bar.setContextUsed(1234);
    });
    handle.waitUntil("the sparkline", () -> handle.shown(StatusBar.SPARK));
    // narrower and narrower until the sparkline goes: the context has gone before it, the watts stay after it
    int width = 600;
    while (handle.shown(StatusBar.SPARK)) {
      assertTrue(width > 200, "the sparkline never went");
      width -= 10;
      int narrower = width;
      onFx(() -> stage.setWidth(narrower));
      handle.waitUntil("the bar to narrow", () -> handle.width() <= narrower);
      handle.waitUntil("a layout pass", () -> fx(() -> !bar.isNeedsLayout()));
      if (handle.shown(StatusBar.SPARK)) {
        assertTrue(handle.rightEdge(StatusBar.SPARK) <= handle.width(), "the sparkline within the bar at " + width);
      }
    }
    assertFalse(handle.shown(StatusBar.CONTEXT), "the context goes before the sparkline");
    assertTrue(handle.shown(StatusBar.POWER), "watts stay");
    onFx(() -> stage.setWidth(1600));
    handle.waitUntil("the sparkline to come back", () -> handle.shown(StatusBar.SPARK));
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

  /** A power source we can hold in a test: what {@code watts} gives for the n-th read (from 1), counted. */
  private static final class FixtureMeter implements PowerMeter {
    static final String SCOPE = "Pi 5 board rails (excludes USB, fan and the AI HAT+ 2)";

    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger readsOnFxThread = new AtomicInteger();
    private final IntFunction<OptionalDouble> watts;
    volatile Optional<String> reason = Optional.empty();

    FixtureMeter(IntFunction<OptionalDouble> watts) {
      this.watts = watts;
    }

    @Override
    public String source() {
      return "Pi 5 PMIC";
    }

    @Override
    public String scope() {
      return SCOPE;
    }

    @Override
    public OptionalDouble watts() {
      int n = reads.incrementAndGet();
      if (Platform.isFxApplicationThread()) {
        readsOnFxThread.incrementAndGet();
      }
      return watts.apply(n);
    }

    @Override
    public Optional<String> unavailableReason() {
      return reason;
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

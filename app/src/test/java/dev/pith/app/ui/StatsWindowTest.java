package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.ui.stats.CostStore;
import dev.pith.app.ui.stats.StatsView;
import dev.pith.inference.power.PowerMeter;
import dev.pith.inference.power.PowerMeters;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SettingsDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Stats in the real window on a real database: Ctrl+Shift+S opens it on stored answers, its percentiles and costs
 * are those of the answers that count, the prices typed outlive the page, Esc goes back, an empty database shows
 * the empty state, and a kiosk does not offer it.
 */
@ExtendWith(ApplicationExtension.class)
class StatsWindowTest {
  private static final String CLOUD = "stats-price-cloud";
  private static final String ELECTRICITY = "stats-price-electricity";
  @TempDir Path dir;
  private WindowHarness harness;
  private Stage stage;

  @AfterEach
  void closeWindow() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void show(WindowHarness h) throws Exception {
    harness = h;
    stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      h.show(s);
      return s;
    }).get();
  }

  private WindowHarness harness() throws Exception {
    return new WindowHarness(Files.createDirectories(dir.resolve("data")), Optional.empty(), WindowHarness.EXACT);
  }

  private void pressCtrlShiftS(FxRobot robot) {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
    });
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void waitUntilLoaded() throws Exception {
    WindowHarness.waitUntil(() -> stage.getScene().lookup("#" + StatsView.SOURCE_ID) != null, 10);
  }

  private <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get();
  }

  /** The texts of the labels under the node {@code id}, in order, joined by " | ". */
  private String texts(String id) throws Exception {
    return fx(() -> {
      StringBuilder out = new StringBuilder();
      collect(stage.getScene().lookup("#" + id), out);
      return out.toString();
    });
  }

  private static void collect(Node node, StringBuilder out) {
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
      out.append(out.length() == 0 ? "" : " | ").append(l.getText());
    }
    if (node instanceof Parent p && !(node instanceof Labeled)) {
      p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
    }
  }

  private String field(String id) throws Exception {
    return fx(() -> ((TextInputControl) stage.getScene().lookup("#" + id)).getText());
  }

  private void enter(FxRobot robot, String id, String text) {
    robot.interact(() -> {
      TextInputControl field = (TextInputControl) stage.getScene().lookup("#" + id);
      field.requestFocus();
      field.setText(text);
      field.fireEvent(new ActionEvent());
    });
  }

  private void seed() {
    Instant now = Instant.now();
    UUID conversation = UUID.randomUUID();
    harness.db.writeAndWait("seed", c -> {
      new ConversationDao(c).insert(new Conversation(conversation, "Benchmarks", now, now, false, false));
      MessageDao dao = new MessageDao(c);
      Message q = Message.written(conversation, null, Role.USER, "question", now.minus(Duration.ofDays(3)));
      dao.insert(q);
      // 60 J over 10 s, 160 J over 20 s, and one without an energy reading: 220 J / 400 tokens, 220 J / 30 s
      dao.insert(answer(conversation, q, now.minus(Duration.ofDays(2)), MessageStatus.COMPLETE,
          new MessageMetrics(20, 100, 500.0, 10.0, 60.0, 6.0, "Pi 5 PMIC", null)));
      dao.insert(answer(conversation, q, now.minus(Duration.ofDays(1)), MessageStatus.CANCELLED,
          new MessageMetrics(20, 300, 700.0, 12.0, 160.0, 8.0, "Pi 5 PMIC", null)));
      dao.insert(answer(conversation, q, now.minus(Duration.ofHours(3)), MessageStatus.COMPLETE,
          new MessageMetrics(20, 100, 900.0, 8.0, null, null, null, null)));
      // a failed answer never counts
      dao.insert(answer(conversation, q, now.minus(Duration.ofHours(2)), MessageStatus.ERROR,
          new MessageMetrics(20, 5, 5000.0, 1.0, 1000.0, 9.0, "Pi 5 PMIC", null)));
      return null;
    });
  }

  private static Message answer(UUID conversation, Message q, Instant at, MessageStatus status,
      MessageMetrics metrics) {
    return new Message(UUID.randomUUID(), conversation, q.id(), Role.ASSISTANT, "an answer", status,
        status == MessageStatus.ERROR ? "failed" : null, at, at, "qwen", "cpu", metrics);
  }

  @Test
  void showsTheStoredAnswersFiguresAndKeepsThePricesTyped(FxRobot robot) throws Exception {
    show(harness());
    seed();
    pressCtrlShiftS(robot);
    waitUntilLoaded();
    assertTrue(fx(() -> harness.window.statsShown()));
    assertFalse(fx(() -> stage.getScene().lookup(".sidebar").getParent().isVisible()), "the chat is hidden");

    assertTrue(texts(StatsView.SOURCE_ID).startsWith("From 3 answers of the last 90 days"),
        texts(StatsView.SOURCE_ID));
    assertEquals("Backend · model | Answers | TTFT p50 | TTFT p95 | tok/s p50 | tok/s p95"
        + " | CPU · qwen | 3 | 700 ms | 900 ms | 10.0 | 12.0", texts("stats-speed-table"),
        "nearest rank over the three counted answers; the failed one is not among them");
    assertEquals("Backend | With energy | Average power | J/token | Above idle | Measured by"
        + " | CPU | 2 of 3 | 7.3 W | 0.55 | — | Pi 5 PMIC", texts("stats-energy-table"),
        "220 J ÷ 400 tokens; 220 J ÷ 30 s; the answer without energy is left out");
    assertEquals("CPU: 0.55 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 0.15 per kWh = 0.0229 per 1M tokens"
        + " (from 2 answers) | Cloud: enter your cloud price to compare.", texts("stats-cost-lines"));
    assertNotNull(fx(() -> stage.getScene().lookup("#stats-ttft-chart")));
    assertNull(fx(() -> stage.getScene().lookup("#" + StatsView.EMPTY_ID)));

    enter(robot, ELECTRICITY, "0,30");
    enter(robot, CLOUD, "0.5");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("CPU: 0.55 J/token × 1,000,000 ÷ 3,600,000 J/kWh × 0.3 per kWh = 0.0458 per 1M tokens"
        + " (from 2 answers) | Cloud: 0.5 per 1M tokens (the price you entered).", texts("stats-cost-lines"));
    enter(robot, CLOUD, "lots");
    assertTrue(texts(CLOUD + "-error").startsWith("Not saved. Enter a number"), texts(CLOUD + "-error"));
    assertTrue(texts("stats-cost-lines").endsWith("Cloud: 0.5 per 1M tokens (the price you entered)."),
        "a refused price is not used");

    pressKey(robot, KeyCode.ESCAPE);
    assertFalse(fx(() -> harness.window.statsShown()), "Esc goes back to the chat");
    assertTrue(fx(() -> stage.getScene().lookup(".sidebar").getParent().isVisible()));
    WindowHarness.waitUntil(() -> harness.db.read(c -> new SettingsDao(c).get(CostStore.KEY)).isPresent(), 10);
    assertEquals("{\"electricityPerKwh\":0.3,\"cloudPer1MTokens\":0.5}",
        harness.db.read(c -> new SettingsDao(c).get(CostStore.KEY)).orElseThrow());

    robot.interact(() -> harness.window.openStats());
    waitUntilLoaded();
    WindowHarness.waitUntil(() -> "0.3".equals(((TextInputControl) stage.getScene().lookup("#" + ELECTRICITY))
        .getText()), 10);
    assertEquals("0.5", field(CLOUD), "the prices outlive the page");
    robot.interact(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#" + StatsView.BACK_ID)).fire());
    assertFalse(fx(() -> harness.window.statsShown()), "Back goes back to the chat");
  }

  @Test
  void withoutMeasuredAnswersItSaysSo(FxRobot robot) throws Exception {
    show(harness());
    pressCtrlShiftS(robot);
    waitUntilLoaded();
    assertTrue(texts(StatsView.EMPTY_ID).startsWith("No measured answers yet"), texts(StatsView.EMPTY_ID));
    assertTrue(fx(() -> stage.getScene().lookup("#" + StatsView.EXPORT_ID).isDisabled()), "nothing to export");
    pressCtrlShiftS(robot);
    assertFalse(fx(() -> harness.window.statsShown()), "Ctrl+Shift+S again goes back");
  }

  /** The status bar's power chart (from its sparkline, on a fixture hwmon sensor's readings) opens Stats too. */
  @Test
  void thePowerChartsButtonOpensIt(FxRobot robot) throws Exception {
    Path sensor = Files.createDirectories(dir.resolve("sysfs/sys/class/hwmon/hwmon0"));
    Files.writeString(sensor.resolve("name"), "ina219\n");
    Files.writeString(sensor.resolve("power1_input"), "4500000\n");
    Path root = dir.resolve("sysfs");
    try (PowerMeter meter = PowerMeters.detect(root, Map.of());
        PowerSampler power = new PowerSampler(meter, PowerSampler.MIN_PERIOD)) {
      WindowHarness h = harness();
      h.power(power);
      show(h);
      WindowHarness.waitUntil(() -> fx(() -> {
        Node spark = stage.getScene().lookup(".status-spark");
        return spark != null && spark.isVisible();
      }), 10);
      robot.clickOn(fx(() -> stage.getScene().lookup(".status-spark")));
      WindowHarness.waitUntil(() -> robot.lookup("Open statistics").tryQuery().isPresent(), 10);
      robot.clickOn("Open statistics");
      WindowHarness.waitUntil(() -> fx(() -> harness.window.statsShown()), 10);
      waitUntilLoaded();
    }
  }

  @Test
  void aKioskDoesNotOfferIt(FxRobot robot) throws Exception {
    WindowHarness h = harness();
    h.kiosk(KioskMode.on(KioskSettings.DEFAULT.withEnabled(true)), () -> { });
    show(h);
    pressCtrlShiftS(robot);
    robot.interact(() -> harness.window.openStats());
    assertFalse(fx(() -> harness.window.statsShown()));
    assertNull(fx(() -> stage.getScene().lookup("#" + StatsView.ID)));
  }

  private void pressKey(FxRobot robot, KeyCode key) {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
    });
    robot.type(key);
    WaitForAsyncUtils.waitForFxEvents();
  }
}

package dev.pith.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.app.bench.PacedBackend;
import dev.pith.app.cli.BackendLoader;
import dev.pith.app.kiosk.AdminPin;
import dev.pith.app.kiosk.KioskMode;
import dev.pith.app.kiosk.KioskPolicy;
import dev.pith.app.kiosk.KioskSettings;
import dev.pith.app.kiosk.KioskStore;
import dev.pith.app.ui.kiosk.KioskShell;
import dev.pith.app.ui.kiosk.PinOverlay;
import dev.pith.app.ui.settings.KioskPage;
import dev.pith.app.ui.settings.SettingsView;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.AccessibleAction;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Kiosk mode in the real window on a real database: full screen and impossible to close, the staff door (gesture,
 * PIN, lockout, menu), the fresh start after the idle time with either policy, and what visitors cannot reach.
 * Answers come from {@link PacedBackend}, whose pace the tests choose; timings are short (a few hundred ms).
 */
@ExtendWith(ApplicationExtension.class)
class KioskWindowTest {
  private static final String PIN = "2468";
  private static final Duration LOCKOUT = Duration.ofMillis(1000);
  private static final Duration HOLD = Duration.ofMillis(200);

  @TempDir Path dir;
  private final List<WindowHarness> harnesses = new ArrayList<>();
  private final CountDownLatch quit = new CountDownLatch(1);
  private WindowHarness harness;
  private Stage stage;
  private KioskHandle kiosk;

  @AfterEach
  void closeWindows() throws Exception {
    for (WindowHarness h : harnesses) {
      h.close();
    }
  }

  /** A short answer, streamed at {@code tokensPerSecond}. */
  private static BackendLoader answering(int pieces, double tokensPerSecond) {
    List<String> answer = new ArrayList<>();
    for (int i = 0; i < pieces - 1; i++) {
      answer.add(i == 0 ? "See [the museum](https://example.org/museum) for" : " more");
    }
    answer.add("");
    return (dir, options) -> new PacedBackend(answer, tokensPerSecond, false);
  }

  /** A kiosk window with the admin PIN set, the given model (or none) and timings. */
  private void showKiosk(FxRobot robot, Optional<BackendLoader> model, KioskPolicy policy, Duration idle)
      throws Exception {
    Path data = Files.createTempDirectory(dir, "data");
    WindowHarness h = new WindowHarness(data, model.map(m -> data.resolve("paced-model")),
        model.orElse(WindowHarness.EXACT));
    KioskStore.savePin(h.db, AdminPin.hash(PIN.toCharArray())).join();
    h.kiosk(KioskMode.on(KioskSettings.DEFAULT.withEnabled(true).withPolicy(policy)).withTimings(idle, LOCKOUT,
        HOLD), quit::countDown);
    show(h, robot);
    kiosk = new KioskHandle(robot, stage);
    if (model.isPresent()) {
      h.waitForModel();
    }
  }

  private void show(WindowHarness h, FxRobot robot) throws Exception {
    harnesses.add(h);
    harness = h;
    stage = WaitForAsyncUtils.asyncFx(() -> {
      Stage s = new Stage();
      h.show(s);
      return s;
    }).get();
  }

  private <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private Node lookup(String selector) throws Exception {
    return fx(() -> stage.getScene().lookup(selector));
  }

  private void ask(FxRobot robot, String question) throws Exception {
    robot.interact(() -> harness.window.controller().send(question));
  }

  private Conversation open() throws Exception {
    return fx(() -> harness.window.controller().openProperty().get());
  }

  private Optional<Conversation> stored(UUID id) {
    return harness.db.read(c -> new ConversationDao(c).find(id));
  }

  @Test
  void theKioskIsFullScreenUndecoratedAndNeitherClosesNorLeavesFullScreen(FxRobot robot) throws Exception {
    show(new WindowHarness(Files.createTempDirectory(dir, "normal"), Optional.empty(), WindowHarness.EXACT), robot);
    assertFalse(fx(stage::isFullScreen), "a normal window is not full screen");
    assertEquals(StageStyle.DECORATED, stage.getStyle());

    showKiosk(robot, Optional.empty(), KioskPolicy.WIPE, Duration.ofMinutes(3));
    assertTrue(fx(stage::isFullScreen));
    assertEquals(StageStyle.UNDECORATED, stage.getStyle());
    assertEquals("", fx(stage::getFullScreenExitHint));

    robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    assertTrue(fx(stage::isShowing), "the close request (window manager, Alt+F4) is refused");
    robot.interact(stage::requestFocus);
    robot.type(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(fx(stage::isFullScreen), "Esc does not leave full screen");
    assertEquals(1, quit.getCount(), "nothing asked the application to exit");
  }

  @Test
  void wrongPinsAreRefusedThenLockedOutAndTheRightPinQuits(FxRobot robot) throws Exception {
    showKiosk(robot, Optional.empty(), KioskPolicy.WIPE, Duration.ofMinutes(3));
    kiosk.pressStaffKeys();
    assertTrue(kiosk.pinShown(), "Ctrl+Alt+Shift+Q asks for the PIN");

    kiosk.tapPin("1111");
    WindowHarness.waitUntil(() -> kiosk.text(PinOverlay.MESSAGE_ID).startsWith("Wrong PIN."), 10);
    assertEquals("Wrong PIN. 4 more tries before entry is locked for 1 s.", kiosk.text(PinOverlay.MESSAGE_ID));
    assertTrue(kiosk.pinShown() && fx(stage::isShowing), "still the kiosk");
    assertEquals("PIN", kiosk.text(PinOverlay.DISPLAY_ID), "what was typed is gone");
    for (int i = 0; i < 3; i++) {
      kiosk.typePin("9999"); // the keyboard works too
      int left = 3 - i;
      WindowHarness.waitUntil(() -> kiosk.text(PinOverlay.MESSAGE_ID).startsWith("Wrong PIN. " + left + " more"), 10);
    }
    kiosk.tapPin("0000");
    WindowHarness.waitUntil(() -> kiosk.text(PinOverlay.MESSAGE_ID).startsWith("Too many wrong PINs."), 10);
    assertEquals("Too many wrong PINs. Try again in 1 s.", kiosk.text(PinOverlay.MESSAGE_ID));
    assertTrue(kiosk.disabled(PinOverlay.DIGIT_PREFIX + "2"), "the pad is locked");
    kiosk.typePin(PIN);
    assertEquals("PIN", kiosk.text(PinOverlay.DISPLAY_ID), "digits are not taken while locked");
    assertFalse(kiosk.menuShown(), "not even the right PIN while locked");

    WindowHarness.waitUntil(() -> kiosk.text(PinOverlay.MESSAGE_ID).equals("Enter the admin PIN."), 10);
    kiosk.tapPin(PIN);
    WindowHarness.waitUntil(kiosk::menuShown, 10);
    assertEquals(1, quit.getCount());
    kiosk.press(PinOverlay.QUIT_ID);
    assertTrue(quit.await(10, TimeUnit.SECONDS), "Quit Pith ends the application");
  }

  @Test
  void aLongPressAndTheRightPinOpenSettingsAndEscReturnsToTheKiosk(FxRobot robot) throws Exception {
    showKiosk(robot, Optional.empty(), KioskPolicy.WIPE, Duration.ofMinutes(3));
    kiosk.pressBrand();
    kiosk.releaseBrand();
    Thread.sleep(HOLD.toMillis() + 200);
    assertFalse(kiosk.pinShown(), "a tap is not the staff gesture");

    kiosk.pressBrand();
    WindowHarness.waitUntil(kiosk::pinShown, 10);
    kiosk.releaseBrand();
    kiosk.press(PinOverlay.CANCEL_ID);
    assertFalse(kiosk.pinShown(), "Back closes the PIN pad");

    kiosk.sendStaffKeys();
    kiosk.tapPin(PIN);
    WindowHarness.waitUntil(kiosk::menuShown, 10);
    kiosk.press(PinOverlay.SETTINGS_ID);
    SettingsHandle settings = new SettingsHandle(robot, stage);
    settings.waitUntilShown(true);
    assertFalse(kiosk.pinShown());
    settings.choose("Kiosk");
    WindowHarness.waitUntil(() -> settings.text(KioskPage.PIN_STATE_ID).equals("Set"), 10);
    settings.press(KioskPage.POLICY_ID_PREFIX + "keep");
    assertEquals(KioskPolicy.KEEP, harness.window.kiosk().mode().policy(), "the running kiosk follows at once");
    settings.pressEscape();
    settings.waitUntilShown(false);
    assertTrue(fx(stage::isFullScreen));
    assertEquals("question-input", fx(() -> stage.getScene().getFocusOwner().getId()), "back at the kiosk's chat");
    assertEquals(1, quit.getCount());
  }

  @Test
  void settingsHistoryAndTheirShortcutsAreOutOfReach(FxRobot robot) throws Exception {
    showKiosk(robot, Optional.empty(), KioskPolicy.WIPE, Duration.ofMinutes(3));
    KioskMode mode = harness.context.kiosk();
    assertFalse(mode.allowsSettings() || mode.allowsCloud() || mode.allowsExport() || mode.allowsLinks()
        || mode.allowsHistory(), mode.toString());

    SettingsHandle settings = new SettingsHandle(robot, stage);
    settings.pressCtrlComma();
    assertNull(lookup("#" + SettingsView.ID), "Ctrl+, does nothing");
    for (KeyCode key : List.of(KeyCode.F, KeyCode.B)) {
      robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertNull(lookup(".sidebar"), "neither the history nor its search is in the window");
    assertNull(lookup("#" + ChatWindow.SIDEBAR_TOGGLE_ID));
    assertNull(lookup("#" + ChatWindow.THEME_TOGGLE_ID));
    assertFalse(fx(() -> stage.getScene().getRoot().lookupAll(".button").stream()
        .anyMatch(b -> String.valueOf(b.getAccessibleText()).startsWith("Settings"))), "no gear");
    Node choose = lookup("#empty-choose-model");
    assertFalse(choose != null && fx(choose::isVisible), "no Choose a model: it opens Settings");
    assertTrue(fx(() -> ((javafx.scene.control.Label) stage.getScene().lookup(".empty-staff")).getText())
        .startsWith("Staff: "), "a line for staff instead");
    assertTrue(fx(() -> stage.getScene().lookup("#" + KioskShell.NEW_CONVERSATION_ID).isVisible()));
    double size = harness.window.theme().appearance().fontSize();
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    assertEquals(size, harness.window.theme().appearance().fontSize(), "the text size is staff's to set");
    assertTrue(fx(() -> stage.getScene().getRoot().getStyleClass().contains("kiosk")));
  }

  @Test
  void linksInAnswersOpenNoBrowser(FxRobot robot) throws Exception {
    showKiosk(robot, Optional.of(answering(4, 0)), KioskPolicy.WIPE, Duration.ofMinutes(3));
    ask(robot, "Where can I read more?");
    harness.waitUntilIdle();
    Node link = lookup(".md-link");
    robot.interact(() -> link.executeAccessibleAction(AccessibleAction.FIRE));
    assertEquals(List.of(), harness.openedLinks);
  }

  @Test
  void afterTheIdleTimeTheWipePolicyShowsANewConversationAndDeletesTheOldOne(FxRobot robot) throws Exception {
    Conversation before = startOverAfterAnAnswer(robot, KioskPolicy.WIPE);
    WindowHarness.waitUntil(() -> stored(before.id()).isEmpty(), 10);
    assertEquals(0, harness.db.read(c -> new MessageDao(c).thread(before.id(), 10)).size());
  }

  @Test
  void afterTheIdleTimeTheKeepPolicyShowsANewConversationAndKeepsTheOldOne(FxRobot robot) throws Exception {
    Conversation before = startOverAfterAnAnswer(robot, KioskPolicy.KEEP);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(stored(before.id()).isPresent());
    assertEquals(2, harness.db.read(c -> new MessageDao(c).thread(before.id(), 10)).size());
  }

  /**
   * Asks, copies something and starts typing the next question while the answer streams, and waits for the kiosk to
   * start over; returns the conversation it left.
   */
  private Conversation startOverAfterAnAnswer(FxRobot robot, KioskPolicy policy) throws Exception {
    showKiosk(robot, Optional.of(answering(8, 40)), policy, Duration.ofMillis(500));
    Conversation before = fx(() -> {
      harness.window.controller().send("When is the museum open?");
      ((TextArea) stage.getScene().lookup("#question-input")).setText("And on Mond");
      ClipboardContent copied = new ClipboardContent();
      copied.putString("My booking number is 4711");
      Clipboard.getSystemClipboard().setContent(copied);
      return harness.window.controller().openProperty().get();
    });
    harness.waitUntilIdle();
    assertTrue(stored(before.id()).isPresent());
    WindowHarness.waitUntil(() -> harness.window.controller().openProperty().get() == null
        && harness.window.controller().thread().isEmpty(), 10);
    assertEquals("", fx(() -> ((TextArea) stage.getScene().lookup("#question-input")).getText()),
        "the unsent words are gone too");
    assertFalse(fx(() -> Clipboard.getSystemClipboard().hasString()), "and what was copied");
    assertEquals("New chat", fx(() -> ((javafx.scene.control.Label) stage.getScene().lookup("#chat-title"))
        .getText()));
    return before;
  }

  @Test
  void noStartOverWhileAnAnswerStreamsAndInputPostponesIt(FxRobot robot) throws Exception {
    // 24 tokens at 25 tokens/s: the answer streams for about a second, twice the idle time.
    showKiosk(robot, Optional.of(answering(24, 25)), KioskPolicy.WIPE, Duration.ofMillis(500));
    AtomicBoolean cutShort = new AtomicBoolean();
    AtomicBoolean shownAtTheEnd = new AtomicBoolean();
    robot.interact(() -> {
      var controller = harness.window.controller();
      controller.openProperty().addListener((o, was, now) -> cutShort.compareAndSet(false,
          now == null && controller.busyProperty().get()));
      controller.busyProperty().addListener((o, was, now) -> {
        if (!now) {
          shownAtTheEnd.set(controller.openProperty().get() != null && !controller.thread().isEmpty());
        }
      });
    });
    ask(robot, "Tell me about the museum");
    harness.waitUntilIdle();
    assertFalse(cutShort.get(), "the kiosk did not start over while the answer streamed");
    assertTrue(shownAtTheEnd.get(), "the answer was on screen when it ended");
    Conversation answered = open();

    // A hand on the screen every 150 ms for more than two idle times: each touch starts the idle time again.
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
    while (System.nanoTime() < until) {
      kiosk.nudge();
      assertEquals(answered.id(), open().id(), "still the visitor's conversation");
      Thread.sleep(150);
    }
    WindowHarness.waitUntil(() -> harness.window.controller().openProperty().get() == null, 10);
    WindowHarness.waitUntil(() -> stored(answered.id()).isEmpty(), 10);
  }
}

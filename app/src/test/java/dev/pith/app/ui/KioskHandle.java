package dev.pith.app.ui;

import dev.pith.app.ui.kiosk.KioskShell;
import dev.pith.app.ui.kiosk.PinOverlay;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A kiosk window under test, by intent: the staff gesture (keys or a long press), the PIN pad (its buttons or the
 * keyboard), the staff menu, and input that counts as someone at the kiosk. Pad buttons are fired as a tap does;
 * keys typed on the keyboard are delivered as the window receives them (the robot types slowly headless).
 */
final class KioskHandle {
  private final FxRobot robot;
  private final Stage stage;

  KioskHandle(FxRobot robot, Stage stage) {
    this.robot = robot;
    this.stage = stage;
  }

  /** Ctrl+Alt+Shift+Q pressed with the window focused. */
  void pressStaffKeys() {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
    });
    robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.SHIFT, KeyCode.Q)
        .release(KeyCode.Q, KeyCode.SHIFT, KeyCode.ALT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Ctrl+Alt+Shift+Q as the window receives it, without the robot (which types slowly headless). */
  void sendStaffKeys() {
    robot.interact(() -> Event.fireEvent(stage.getScene().getRoot(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "",
        KeyCode.Q, true, true, true, false)));
  }

  /** A finger on the Pith name at the top left: down now, up when {@link #release} is called. */
  void pressBrand() {
    mouse(MouseEvent.MOUSE_PRESSED);
  }

  void releaseBrand() {
    mouse(MouseEvent.MOUSE_RELEASED);
  }

  private void mouse(javafx.event.EventType<MouseEvent> type) {
    robot.interact(() -> {
      Node brand = stage.getScene().lookup("#" + KioskShell.BRAND_ID);
      Event.fireEvent(brand, new MouseEvent(type, 5, 5, 5, 5, MouseButton.PRIMARY, 1, false, false, false, false,
          true, false, false, true, false, false, null));
    });
  }

  boolean pinShown() throws Exception {
    return fx(() -> stage.getScene().lookup("#" + PinOverlay.ID) != null);
  }

  boolean menuShown() throws Exception {
    return fx(() -> stage.getScene().lookup("#" + PinOverlay.MENU_ID) != null);
  }

  /** Taps the pad's digits, then its check key. */
  void tapPin(String digits) {
    for (char d : digits.toCharArray()) {
      press(PinOverlay.DIGIT_PREFIX + d);
    }
    press(PinOverlay.ENTER_ID);
  }

  /** Types the digits on the keyboard, then Enter. */
  void typePin(String digits) {
    robot.interact(() -> {
      Node target = stage.getScene().getFocusOwner() != null ? stage.getScene().getFocusOwner()
          : stage.getScene().getRoot();
      for (char d : digits.toCharArray()) {
        String c = String.valueOf(d);
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, c, "", KeyCode.UNDEFINED, false, false, false,
            false));
      }
      Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
    });
  }

  /** Moves the pointer over the window: what a visitor's hand does. */
  void nudge() {
    robot.interact(() -> Event.fireEvent(stage.getScene().getRoot(), new MouseEvent(MouseEvent.MOUSE_MOVED, 40, 40,
        40, 40, MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null)));
  }

  /** Fires a button (a tap). */
  void press(String id) {
    robot.interact(() -> ((ButtonBase) stage.getScene().lookup("#" + id)).fire());
  }

  String text(String id) throws Exception {
    return fx(() -> ((Labeled) stage.getScene().lookup("#" + id)).getText());
  }

  boolean disabled(String id) throws Exception {
    return fx(() -> stage.getScene().lookup("#" + id).isDisabled());
  }

  private static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}

package dev.pith.app.ui;

import atlantafx.base.controls.ToggleSwitch;
import dev.pith.app.ui.settings.SettingsPage;
import dev.pith.app.ui.settings.SettingsView;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Settings in a window under test, by intent: open and leave it, choose a page, type into a setting, read what it
 * says. Nodes are found and read on the FX thread; text is set directly (the robot types slowly headless) and
 * buttons are fired, as a click does.
 */
final class SettingsHandle {
  private final FxRobot robot;
  private final Stage stage;

  SettingsHandle(FxRobot robot, Stage stage) {
    this.robot = robot;
    this.stage = stage;
  }

  /** Ctrl+, with the window focused (the robot's keys go to the focused window). */
  void pressCtrlComma() {
    focusWindow();
    robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
  }

  void pressEscape() {
    pressKey(KeyCode.ESCAPE);
  }

  /** A key, to wherever the keyboard is in the window. */
  void pressKey(KeyCode key) {
    focusWindow();
    robot.type(key);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void focusWindow() {
    robot.interact(() -> {
      stage.toFront();
      stage.requestFocus();
    });
  }

  boolean shown() throws Exception {
    return fx(() -> {
      Node view = stage.getScene().lookup("#" + SettingsView.ID);
      return view != null && view.getParent() != null;
    });
  }

  void waitUntilShown(boolean shown) throws Exception {
    WindowHarness.waitUntil(() -> {
      Node view = stage.getScene().lookup("#" + SettingsView.ID);
      return (view != null && view.getParent() != null) == shown;
    }, 10);
  }

  /** The title of the page on screen. */
  String page() throws Exception {
    return fx(() -> {
      SettingsPage page = ((SettingsView) stage.getScene().lookup("#" + SettingsView.ID)).current();
      return page == null ? "" : page.title();
    });
  }

  /** Chooses the page with this title in the page list. */
  @SuppressWarnings("unchecked")
  void choose(String title) throws Exception {
    robot.interact(() -> {
      ListView<SettingsPage> list = (ListView<SettingsPage>) stage.getScene().lookup("#" + SettingsView.PAGES_ID);
      list.getItems().stream().filter(p -> p.title().equals(title)).findFirst()
          .ifPresent(p -> list.getSelectionModel().select(p));
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Puts {@code text} in a field and presses Enter there. */
  void enter(String id, String text) {
    robot.interact(() -> {
      TextInputControl field = (TextInputControl) stage.getScene().lookup("#" + id);
      field.requestFocus();
      field.setText(text);
      field.fireEvent(new ActionEvent());
    });
  }

  /** Puts {@code text} in a field and nothing else: it is kept when the field or Settings is left. */
  void type(String id, String text) {
    robot.interact(() -> {
      TextInputControl field = (TextInputControl) stage.getScene().lookup("#" + id);
      field.requestFocus();
      field.setText(text);
    });
  }

  String text(String id) throws Exception {
    return fx(() -> {
      Node node = stage.getScene().lookup("#" + id);
      return node instanceof TextInputControl t ? t.getText() : ((Labeled) node).getText();
    });
  }

  /** The message under a number field; empty when its value is accepted. */
  String problem(String id) throws Exception {
    return fx(() -> {
      Node error = stage.getScene().lookup("#" + id + "-error");
      return error.isVisible() ? ((Labeled) error).getText() : "";
    });
  }

  boolean visible(String id) throws Exception {
    return fx(() -> {
      Node node = stage.getScene().lookup("#" + id);
      return node != null && node.isVisible();
    });
  }

  /** Fires a button, check box, radio button or switch, as a click does. */
  void press(String id) {
    robot.interact(() -> {
      Node node = stage.getScene().lookup("#" + id);
      if (node instanceof ToggleSwitch s) {
        s.fire();
      } else {
        ((ButtonBase) node).fire();
      }
    });
  }

  private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}

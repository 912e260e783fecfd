package dev.pith.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window, opened headless (Monocle) as every window test will. */
@ExtendWith(ApplicationExtension.class)
class PithAppTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new PithApp().start(stage);
  }

  @Test
  void theWindowOpensWithItsTitleAndVersion(FxRobot robot) {
    assertEquals("Pith", stage.getTitle());
    assertTrue(stage.isShowing());
    Label version = robot.lookup(".label").queryAllAs(Label.class).stream()
        .filter(l -> l.getText().startsWith("Version ")).findFirst().orElseThrow();
    assertEquals("Version " + PithVersion.get(), version.getText());
  }
}

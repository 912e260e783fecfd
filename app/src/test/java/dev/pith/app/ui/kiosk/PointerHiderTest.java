package dev.pith.app.ui.kiosk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The kiosk's pointer goes after a quiet spell, comes back with the mouse, and stays away for touches. */
@ExtendWith(ApplicationExtension.class)
class PointerHiderTest {
  private Scene scene;
  private StackPane frame;

  @Start
  void start(Stage stage) {
    frame = new StackPane();
    scene = new Scene(new StackPane(frame), 200, 100);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void thePointerHidesWhenTheMouseRestsAndTouchesDoNotBringItBack() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> PointerHider.install(scene, frame, Duration.ofMillis(150))).get();
    assertFalse(hidden(), "shown at first");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, this::hidden);

    move(true); // a touch, delivered as a synthesized mouse event
    assertTrue(hidden(), "a touch does not show the pointer");

    move(false);
    assertFalse(hidden(), "a real mouse move shows it");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, this::hidden);
  }

  private boolean hidden() {
    return frame.getStyleClass().contains(PointerHider.HIDDEN);
  }

  private void move(boolean synthesized) throws Exception {
    MouseEvent e = new MouseEvent(MouseEvent.MOUSE_MOVED, 10, 10, 10, 10, MouseButton.NONE, 0, false, false,
        false, false, false, false, false, synthesized, false, false, null);
    WaitForAsyncUtils.asyncFx(() -> Event.fireEvent(scene, e)).get();
  }
}

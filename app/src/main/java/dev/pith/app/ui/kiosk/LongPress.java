package dev.pith.app.ui.kiosk;

import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * A press held on a node for a while, by mouse or finger (JavaFX turns a touch into mouse events), without letting
 * go or sliding off it: the kiosk's staff gesture on displays that have no keyboard. FX thread only.
 */
final class LongPress {
  private LongPress() {}

  /** Runs {@code action} when {@code node} is held for {@code hold}. */
  static void install(Node node, Duration hold, Runnable action) {
    PauseTransition timer = new PauseTransition(javafx.util.Duration.millis(hold.toMillis()));
    timer.setOnFinished(e -> action.run());
    node.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
      if (e.getButton() == MouseButton.PRIMARY) {
        timer.playFromStart();
      }
    });
    node.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> timer.stop());
    node.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
      if (!node.contains(e.getX(), e.getY())) {
        timer.stop();
      }
    });
  }
}

package dev.pith.app.ui.kiosk;

import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;

/**
 * Hides the mouse pointer of a kiosk when the mouse has not moved for a few seconds, and shows it again when
 * it moves: on a touch display the pointer would otherwise sit where the last finger was, and a kiosk with a
 * mouse still has one when it is used. Touches arrive as mouse events too, marked synthesized; they do not
 * bring the pointer back.
 *
 * <p>The pointer is hidden through CSS ({@link #HIDDEN} on the kiosk's frame sets {@code -fx-cursor: none} on
 * every node in it, kiosk.css): a cursor on the scene alone would lose to the text cursor of the question field.
 */
final class PointerHider {
  static final String HIDDEN = "pointer-hidden";
  static final Duration AFTER = Duration.ofSeconds(3);

  private final Parent root;
  private final PauseTransition wait = new PauseTransition();

  private PointerHider(Parent root, Duration after) {
    this.root = root;
    wait.setDuration(javafx.util.Duration.millis(after.toMillis()));
    wait.setOnFinished(e -> hide(true));
  }

  /**
   * Starts hiding the pointer over {@code frame} after {@code after} without a mouse move in {@code scene}.
   * FX thread.
   */
  static PointerHider install(Scene scene, Parent frame, Duration after) {
    PointerHider hider = new PointerHider(frame, after);
    scene.addEventFilter(MouseEvent.MOUSE_MOVED, hider::moved);
    scene.addEventFilter(MouseEvent.MOUSE_DRAGGED, hider::moved);
    hider.wait.playFromStart();
    return hider;
  }

  /** The window closes: no more hiding. */
  void stop() {
    wait.stop();
  }

  private void moved(MouseEvent e) {
    if (e.isSynthesized()) {
      return;
    }
    hide(false);
    wait.playFromStart();
  }

  private void hide(boolean hidden) {
    if (hidden != root.getStyleClass().contains(HIDDEN)) {
      if (hidden) {
        root.getStyleClass().add(HIDDEN);
      } else {
        root.getStyleClass().remove(HIDDEN);
      }
    }
  }
}

package dev.pith.app.ui;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * "Deleted … — Undo" at the bottom of the chat for a few seconds. When it goes (time out, a newer offer, the
 * window closing) the deletion is carried out; Undo cancels it instead.
 */
final class UndoToast extends StackPane {
  static final String ID = "undo-toast";
  static final Duration SHOWN_FOR = Duration.seconds(8);

  private final Label text = new Label();
  private final Button undo = new Button("Undo");
  private final PauseTransition timer = new PauseTransition(SHOWN_FOR);
  private Runnable onExpire;

  UndoToast() {
    setId(ID);
    setPickOnBounds(false);
    setAlignment(Pos.BOTTOM_CENTER);
    undo.getStyleClass().addAll(Styles.FLAT, Styles.ACCENT);
    undo.setAccessibleText("Undo the deletion");
    HBox box = new HBox(12, text, undo);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("undo-toast");
    box.setMaxSize(HBox.USE_PREF_SIZE, HBox.USE_PREF_SIZE);
    getChildren().add(box);
    StackPane.setMargin(box, new javafx.geometry.Insets(0, 0, 84, 0));
    setVisible(false);
    timer.setOnFinished(e -> dismiss());
  }

  /** Shows {@code message}; {@code onUndo} runs if Undo is pressed, else {@code onExpire} when it goes. */
  void offer(String message, Runnable onUndo, Runnable expire) {
    dismiss();
    text.setText(message);
    onExpire = expire;
    undo.setOnAction(e -> {
      onExpire = null;
      hide();
      onUndo.run();
    });
    setVisible(true);
    timer.playFromStart();
  }

  /** Ends the offer now: the deletion goes ahead. */
  void dismiss() {
    Runnable expire = onExpire;
    onExpire = null;
    hide();
    if (expire != null) {
      expire.run();
    }
  }

  private void hide() {
    timer.stop();
    setVisible(false);
  }
}

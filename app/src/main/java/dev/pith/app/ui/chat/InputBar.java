package dev.pith.app.ui.chat;

import atlantafx.base.theme.Styles;
import dev.pith.app.ui.chat.ModelState.Status;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Where the question is typed: Enter sends, Shift+Enter starts a new line. While an answer streams the
 * Send button is a Stop button. The field grows with the text up to a few lines.
 */
final class InputBar extends HBox {
  static final String INPUT_ID = "question-input";
  static final String SEND_ID = "send-button";
  private static final int MAX_ROWS = 8;

  private final ChatController controller;
  private final TextArea input = new TextArea();
  private final Button send = new Button();
  private final FontIcon sendIcon = new FontIcon(Feather.SEND);
  private final FontIcon stopIcon = new FontIcon(Feather.SQUARE);
  /** One tooltip whose text changes: a new one at every send and stop cost a frame's worth of work. */
  private final Tooltip sendTip = new Tooltip();
  /** Kiosk mode: a short invitation in the empty field instead of the keys (a touch display may have none). */
  private boolean kiosk;

  InputBar(ChatController controller) {
    this.controller = controller;
    createView();
    initListeners();
  }

  TextArea input() {
    return input;
  }

  /** Kiosk mode: the empty field says "Type your question here". */
  void kiosk() {
    kiosk = true;
    showButton();
  }

  private void createView() {
    getStyleClass().add("input-bar");
    setAlignment(Pos.BOTTOM_CENTER);
    setSpacing(8);
    input.setId(INPUT_ID);
    input.setWrapText(true);
    input.setPrefRowCount(1);
    input.getStyleClass().add("question-input");
    input.setAccessibleText("Your question");
    HBox.setHgrow(input, Priority.ALWAYS);
    send.setId(SEND_ID);
    send.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.ACCENT, "send-button");
    getChildren().addAll(input, send);
  }

  private void initListeners() {
    input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
        e.consume();
        if (e.isShiftDown()) {
          input.replaceSelection("\n");
        } else {
          sendNow();
        }
      }
    });
    input.textProperty().addListener((o, before, now) -> grow());
    send.setOnAction(e -> {
      if (controller.busyProperty().get()) {
        controller.stop();
      } else {
        sendNow();
      }
    });
    controller.busyProperty().addListener((o, before, now) -> showButton());
    controller.modelProperty().addListener((o, before, now) -> showButton());
    send.disableProperty().bind(Bindings.createBooleanBinding(
        () -> !controller.busyProperty().get()
            && (!controller.modelProperty().get().isReady() || input.getText().isBlank()),
        controller.busyProperty(), controller.modelProperty(), input.textProperty()));
    showButton();
  }

  private void sendNow() {
    if (controller.busyProperty().get() || !controller.modelProperty().get().isReady()
        || input.getText().isBlank()) {
      return;
    }
    String text = input.getText();
    input.clear();
    controller.send(text);
  }

  private void showButton() {
    boolean busy = controller.busyProperty().get();
    String text = busy ? "Stop the answer (Esc)" : "Send (Enter)";
    send.setGraphic(busy ? stopIcon : sendIcon);
    send.setAccessibleText(busy ? "Stop" : "Send");
    sendTip.setText(text);
    if (send.getTooltip() != sendTip) {
      send.setTooltip(sendTip);
    }
    send.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stop"), busy);
    ModelState model = controller.modelProperty().get();
    input.setPromptText(model.status() == Status.READY ? (kiosk ? "Type your question here"
        : "Message " + model.name() + " — Enter sends, Shift+Enter for a new line")
        : model.status() == Status.LOADING ? "Loading the model…" : "No model loaded");
  }

  private void grow() {
    long lines = input.getText().chars().filter(c -> c == '\n').count() + 1;
    input.setPrefRowCount((int) Math.min(MAX_ROWS, Math.max(1, lines)));
  }
}

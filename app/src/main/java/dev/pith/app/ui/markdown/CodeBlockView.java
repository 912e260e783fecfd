package dev.pith.app.ui.markdown;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A fenced or indented code block: a header with the fence's language and a Copy button, over the code in a
 * monospace font that scrolls sideways instead of wrapping (wrapped code is misread, and indentation matters).
 *
 * <p>While an answer streams, the open code block grows every frame; {@link #update} changes the text of this view
 * in place so the scroll pane, button and tooltip are built once per block, not once per frame.
 *
 * <p>The code shown and copied is the block's content without its final newline: pasting a copied shell command
 * into a terminal must not run it.
 */
final class CodeBlockView extends VBox {
  static final String STYLE_CLASS = "md-code-block";
  static final String COPY_TEXT = "Copy code";
  static final String COPIED_TEXT = "Copied";
  private static final Duration COPIED_FOR = Duration.seconds(1.5);

  private final Consumer<String> copier;
  private final Label language = new Label();
  private final Text code = new Text();
  private final FontIcon copyIcon = new FontIcon(Feather.COPY);
  private final Button copy = new Button(null, copyIcon);
  private final Label copied = new Label(COPIED_TEXT);
  private PauseTransition copiedTimer;

  /**
   * @param language the first word of the fence's info string, or empty
   * @param copier puts text on the clipboard ({@link #copyToClipboard} in the app)
   */
  CodeBlockView(String language, String code, Consumer<String> copier) {
    this.copier = copier;
    createView();
    initListeners();
    update(language, code);
  }

  /** The system clipboard, as plain text. */
  static void copyToClipboard(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  /** Shows other code (the same block, grown while streaming) without rebuilding the view. */
  void update(String languageName, String text) {
    language.setText(languageName);
    language.setVisible(!languageName.isEmpty());
    code.setText(text);
  }

  String code() {
    return code.getText();
  }

  String language() {
    return language.getText();
  }

  Button copyButton() {
    return copy;
  }

  private void createView() {
    getStyleClass().add(STYLE_CLASS);
    language.getStyleClass().add("md-code-language");
    language.managedProperty().bind(language.visibleProperty());
    copied.getStyleClass().addAll("md-code-copied", Styles.TEXT_SMALL);
    copied.setVisible(false);
    copied.managedProperty().bind(copied.visibleProperty());
    copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "md-code-copy");
    copy.setAccessibleText(COPY_TEXT);
    copy.setTooltip(new Tooltip(COPY_TEXT));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(language, spacer, copied, copy);
    header.getStyleClass().add("md-code-header");
    header.setAlignment(Pos.CENTER_LEFT);

    code.getStyleClass().add("md-code-text");
    StackPane body = new StackPane(code);
    body.getStyleClass().add("md-code-body");
    body.setAlignment(Pos.TOP_LEFT);
    getChildren().addAll(header, SideScroll.of(body, "md-code-scroll"));
  }

  private void initListeners() {
    copy.setOnAction(e -> copyCode());
  }

  private void copyCode() {
    copier.accept(code.getText());
    copyIcon.setIconCode(Feather.CHECK);
    copied.setVisible(true);
    copy.setAccessibleText(COPIED_TEXT);
    if (copiedTimer == null) {
      copiedTimer = new PauseTransition(COPIED_FOR);
      copiedTimer.setOnFinished(e -> {
        copyIcon.setIconCode(Feather.COPY);
        copied.setVisible(false);
        copy.setAccessibleText(COPY_TEXT);
      });
    }
    copiedTimer.playFromStart();
  }
}

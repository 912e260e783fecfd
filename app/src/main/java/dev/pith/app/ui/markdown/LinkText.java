package dev.pith.app.ui.markdown;

import java.util.function.Consumer;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;

/**
 * A link inside a paragraph. It is a {@link Text} run rather than a {@code Hyperlink} control so that a long link
 * wraps with the sentence around it; what a {@code Hyperlink} would give for free is added here: a hand cursor, a
 * keyboard stop (Enter or Space opens it), the {@code HYPERLINK} accessible role and the target as a tooltip.
 *
 * <p>Only {@link MarkdownSyntax#isOpenable openable} targets become a {@code LinkText}; the renderer shows the rest
 * as plain text. The tooltip is made on first hover, because building a {@code Tooltip} (a popup window) for every
 * link each time a streaming paragraph is rebuilt would cost more than the paragraph itself.
 */
final class LinkText extends Text {
  static final String STYLE_CLASS = "md-link";

  private final String url;
  private final Consumer<String> opener;
  private Tooltip tooltip;

  LinkText(String text, String url, Consumer<String> opener) {
    super(text);
    this.url = url;
    this.opener = opener;
    getStyleClass().add(STYLE_CLASS);
    setCursor(Cursor.HAND);
    setFocusTraversable(true);
    setAccessibleRole(AccessibleRole.HYPERLINK);
    setAccessibleHelp(url);
    addEventHandler(MouseEvent.MOUSE_ENTERED, e -> tooltip());
    addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClick);
    addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
  }

  String url() {
    return url;
  }

  /** The tooltip showing the target, installed on first use. */
  Tooltip tooltip() {
    if (tooltip == null) {
      tooltip = new Tooltip(url);
      Tooltip.install(this, tooltip);
    }
    return tooltip;
  }

  void open() {
    opener.accept(url);
  }

  @Override
  public void executeAccessibleAction(AccessibleAction action, Object... parameters) {
    if (action == AccessibleAction.FIRE) {
      open();
    } else {
      super.executeAccessibleAction(action, parameters);
    }
  }

  private void onClick(MouseEvent event) {
    if (event.getButton() == MouseButton.PRIMARY) {
      requestFocus();
      open();
      event.consume();
    }
  }

  private void onKey(KeyEvent event) {
    if (event.getCode() == KeyCode.ENTER || event.getCode() == KeyCode.SPACE) {
      open();
      event.consume();
    }
  }
}

package dev.pith.app.ui.sidebar;

import atlantafx.base.theme.Styles;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Draws one {@link SidebarItem}: a header, a conversation row (or its rename field) or a search hit.
 *
 * <p>One cell class for all three, because a virtualized list recycles cells across items of every kind; the kind
 * shows as a pseudo-class ({@code :header}, {@code :hit}) for the stylesheet. Headers are mouse-transparent so a click
 * on one selects nothing. Cells never change the list themselves: clicks, menus and renames go to the {@link Host}.
 */
final class SidebarCell extends ListCell<SidebarItem> {
  /** The sidebar, as its cells see it. */
  interface Host {
    /** The open conversation, highlighted; null for none. */
    ObservableValue<UUID> openConversation();

    Renamer renamer();

    /** Open a row or a hit, as Enter does. */
    void activate(SidebarItem item);

    /** Show the row menu for {@code conversation} at a screen point. */
    void showMenu(Conversation conversation, Node anchor, double screenX, double screenY);
  }

  private static final PseudoClass HEADER = PseudoClass.getPseudoClass("header");
  private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");
  private static final PseudoClass OPEN = PseudoClass.getPseudoClass("open");
  private static final PseudoClass RENAMING = PseudoClass.getPseudoClass("renaming");
  /** A hit shows at most this many snippet lines; snippets are short, this only stops a runaway one. */
  private static final int SNIPPET_LINES = 4;

  private final Host host;
  private final Label title = new Label();
  private final FontIcon pin = new FontIcon(Feather.BOOKMARK);
  private final HBox row = new HBox(title, pin);
  private final TextField editor = new TextField();
  private final Label hitTitle = new Label();
  private final TextFlow snippet = new TextFlow();
  private final VBox hit = new VBox(hitTitle, snippet);
  private boolean editorBound;

  SidebarCell(Host host) {
    this.host = host;
    createView();
    initListeners();
  }

  private void createView() {
    getStyleClass().add("sidebar-cell");
    // Never wider than the list: long titles end in an ellipsis instead of scrolling the list sideways.
    setPrefWidth(0);
    title.getStyleClass().add("title");
    title.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(title, Priority.ALWAYS);
    pin.getStyleClass().add("pin");
    row.setAlignment(Pos.CENTER_LEFT);
    row.setSpacing(6);
    editor.getStyleClass().add("rename-field");
    editor.setPromptText(SidebarItem.UNTITLED);
    editor.setAccessibleText("Conversation title");
    hitTitle.getStyleClass().addAll("hit-title", Styles.TEXT_SMALL);
    hitTitle.setMaxWidth(Double.MAX_VALUE);
    snippet.getStyleClass().add("snippet");
    snippet.setMinHeight(0); // else the line cap below cannot shrink it
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(snippet.widthProperty());
    clip.heightProperty().bind(snippet.heightProperty());
    snippet.setClip(clip);
    hit.setSpacing(2);
  }

  private void initListeners() {
    host.openConversation().addListener((obs, old, id) -> updateOpen());
    host.renamer().targetProperty().addListener((obs, old, id) -> render());
    setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && !isEmpty() && !isRenamingHere()) {
        host.activate(getItem());
        e.consume();
      }
    });
    setOnContextMenuRequested(e -> {
      if (!isEmpty() && getItem() instanceof SidebarItem.Row row && !isRenamingHere()) {
        getListView().getSelectionModel().select(getIndex());
        host.showMenu(row.conversation(), this, e.getScreenX(), e.getScreenY());
        e.consume();
      }
    });
    editor.setOnAction(e -> host.renamer().commit());
    editor.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        host.renamer().cancel();
        e.consume();
      }
    });
    // Clicking elsewhere in the window keeps the new title, as in a file manager; switching windows, or the window
    // going away, does not.
    editor.focusedProperty().addListener((obs, was, focused) -> {
      Window window = editor.getScene() == null ? null : editor.getScene().getWindow();
      if (!focused && isRenamingHere() && window != null && window.isFocused()) {
        host.renamer().commit();
      }
    });
  }

  @Override
  protected void updateItem(SidebarItem item, boolean empty) {
    super.updateItem(item, empty);
    render();
  }

  /** Hits wrap their snippet, so their height depends on the width the list gives them. */
  @Override
  protected double computePrefHeight(double width) {
    if (isEmpty() || !(getItem() instanceof SidebarItem.Hit)) {
      return super.computePrefHeight(width);
    }
    double inner = (width > 0 ? width : getWidth()) - snappedLeftInset() - snappedRightInset();
    return snappedTopInset() + hit.prefHeight(Math.max(inner, 1)) + snappedBottomInset();
  }

  private void render() {
    SidebarItem item = isEmpty() ? null : getItem();
    pseudoClassStateChanged(HEADER, item instanceof SidebarItem.Header);
    pseudoClassStateChanged(HIT, item instanceof SidebarItem.Hit);
    setMouseTransparent(item instanceof SidebarItem.Header);
    boolean renaming = false;
    if (item instanceof SidebarItem.Header header) {
      setText(header.group().label());
      setGraphic(null);
      setAccessibleText(header.group().label());
    } else if (item instanceof SidebarItem.Row r) {
      renaming = host.renamer().isRenaming(r.conversation().id());
      showRow(r, renaming);
    } else if (item instanceof SidebarItem.Hit h) {
      showHit(h);
    } else {
      setText(null);
      setGraphic(null);
      setAccessibleText(null);
    }
    bindEditor(renaming);
    pseudoClassStateChanged(RENAMING, renaming);
    updateOpen();
  }

  private void showRow(SidebarItem.Row item, boolean renaming) {
    Conversation conversation = item.conversation();
    setText(null);
    title.setText(item.title());
    pin.setVisible(conversation.pinned());
    pin.setManaged(conversation.pinned());
    setGraphic(renaming ? editor : row);
    setAccessibleText(conversation.pinned() ? item.title() + ", pinned" : item.title());
  }

  private void showHit(SidebarItem.Hit item) {
    SearchHit found = item.hit();
    setText(null);
    hitTitle.setText(item.title());
    List<Text> parts = new ArrayList<>();
    for (MarkedText.Part part : MarkedText.parse(found.snippet())) {
      Text text = new Text(part.text());
      text.getStyleClass().add(part.marked() ? "mark" : "plain");
      parts.add(text);
    }
    snippet.getChildren().setAll(parts);
    // The cap is in lines of the cell's font, so it follows font scaling.
    snippet.setMaxHeight(SNIPPET_LINES * title.getFont().getSize() * 1.35);
    setGraphic(hit);
    setAccessibleText(item.title() + ": " + MarkedText.plain(found.snippet()));
  }

  private void bindEditor(boolean renaming) {
    if (renaming && !editorBound) {
      editor.textProperty().bindBidirectional(host.renamer().draft());
      editorBound = true;
    } else if (!renaming && editorBound) {
      editor.textProperty().unbindBidirectional(host.renamer().draft());
      editorBound = false;
    }
  }

  private void updateOpen() {
    boolean open = !isEmpty() && getItem() instanceof SidebarItem.Row r
        && r.conversation().id().equals(host.openConversation().getValue());
    pseudoClassStateChanged(OPEN, open);
  }

  private boolean isRenamingHere() {
    return !isEmpty() && getItem() instanceof SidebarItem.Row r && host.renamer().isRenaming(r.conversation().id());
  }

  /** The rename field, when this cell shows the conversation being renamed; for the sidebar to focus it. */
  TextField editorIfRenaming() {
    return isRenamingHere() ? editor : null;
  }
}

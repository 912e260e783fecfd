package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.Conversation;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The menu of one conversation row: Rename, Pin or Unpin, Delete.
 *
 * <p>The sidebar owns it, not each cell, so recycled cells carry no menu. It is built afresh each time it opens: a
 * reused JavaFX menu remembers the item the keyboard was last on, and the menu key should always start on Rename.
 * Items have no accelerators on purpose: a context menu's accelerators are installed in the whole scene, where F2 and
 * Delete belong to whatever has focus; the list handles those keys itself.
 */
final class ConversationMenu {
  private final SidebarActions actions;
  private final Consumer<Conversation> startRename;
  private ContextMenu menu;

  /**
   * @param actions receives pin and delete
   * @param startRename begins the inline rename of a conversation
   */
  ConversationMenu(SidebarActions actions, Consumer<Conversation> startRename) {
    this.actions = Objects.requireNonNull(actions, "actions");
    this.startRename = Objects.requireNonNull(startRename, "startRename");
  }

  /** Opens at a screen point, as after a right click. */
  void show(Conversation conversation, Node anchor, double screenX, double screenY) {
    create(conversation).show(anchor, screenX, screenY);
  }

  /** Opens under {@code anchor}, as after the menu key. */
  void showBelow(Conversation conversation, Node anchor) {
    create(conversation).show(anchor, Side.BOTTOM, 12, 0);
  }

  void hide() {
    if (menu != null) {
      menu.hide();
    }
  }

  private ContextMenu create(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    hide();
    MenuItem rename = new MenuItem("Rename", new FontIcon(Feather.EDIT_2));
    MenuItem pin = new MenuItem(conversation.pinned() ? "Unpin" : "Pin", new FontIcon(Feather.BOOKMARK));
    MenuItem delete = new MenuItem("Delete", new FontIcon(Feather.TRASH_2));
    delete.getStyleClass().add("danger");
    rename.setOnAction(e -> startRename.accept(conversation));
    pin.setOnAction(e -> actions.setPinned(conversation.id(), !conversation.pinned()));
    delete.setOnAction(e -> actions.delete(conversation.id()));
    menu = new ContextMenu(rename, pin, new SeparatorMenuItem(), delete);
    menu.getStyleClass().add("conversation-menu");
    return menu;
  }
}
